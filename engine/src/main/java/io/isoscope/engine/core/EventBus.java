package io.isoscope.engine.core;

import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.store.ContainerStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Persists events and hands them to listeners on one engine thread, in order, so a slow or failing listener
 * never blocks or breaks an engine operation. Thread-safe.
 */
final class EventBus implements AutoCloseable {

    private final ContainerStore store;
    private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "isoscope-events");
        t.setDaemon(true);
        return t;
    });

    EventBus(ContainerStore store) {
        this.store = store;
    }

    /** Records and publishes an event, asynchronously and in order. */
    void publish(EngineEvent event) {
        // Recorded on the dispatcher thread, in order, so an operation does not wait for the event's write.
        dispatcher.execute(() -> {
            try {
                store.append(event);
            } catch (RuntimeException e) {
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
            for (Consumer<EngineEvent> l : listeners) {
                try {
                    l.accept(event);
                } catch (RuntimeException e) {
                    // A listener's bug must not stop the others or the engine.
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            }
        });
    }

    /** Adds a listener; closing the handle removes it. */
    AutoCloseable subscribe(Consumer<EngineEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
