package io.isoscope.views.common;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link UiTimer} over a scheduler thread that hands each due action to the UI executor ({@code
 * Platform::runLater} in the app). Cancelling on the UI thread is final even when the action is already queued
 * there. Thread-safe.
 */
public final class ScheduledUiTimer implements UiTimer, AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Executor ui;
    private final boolean owned;

    /** A timer on {@code scheduler} (which stays the caller's) delivering to {@code ui}. */
    public ScheduledUiTimer(ScheduledExecutorService scheduler, Executor ui) {
        this(scheduler, ui, false);
    }

    private ScheduledUiTimer(ScheduledExecutorService scheduler, Executor ui, boolean owned) {
        this.scheduler = scheduler;
        this.ui = ui;
        this.owned = owned;
    }

    /** A timer with its own daemon scheduler thread, which {@link #close()} stops. */
    public static ScheduledUiTimer withOwnThread(Executor ui) {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "isoscope-ui-timer");
            t.setDaemon(true);
            return t;
        });
        return new ScheduledUiTimer(own, ui, true);
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> future;
        try {
            future = scheduler.schedule(() -> {
                try {
                    ui.execute(() -> {
                        if (!cancelled.get()) {
                            action.run();
                        }
                    });
                } catch (RejectedExecutionException | IllegalStateException closing) {
                    // The toolkit has exited: nobody is left to run it.
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return () -> { };
        }
        return () -> {
            cancelled.set(true);
            future.cancel(false);
        };
    }

    /** Stops the scheduler thread if this timer made it; pending actions do not run. Idempotent. */
    @Override
    public void close() {
        if (owned) {
            scheduler.shutdownNow();
        }
    }
}
