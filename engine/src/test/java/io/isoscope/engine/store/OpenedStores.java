package io.isoscope.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * JUnit extension for the store tests: the stores a test opens and two threads to race them on, all stopped and
 * closed after the test. Register it on an instance field; {@link #open} is thread-safe.
 */
final class OpenedStores implements AfterEachCallback {

    /** The time the stores' warnings and moved-aside files carry. */
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

    private final ObjectMapper json = new ObjectMapper();
    private final List<ContainerStore> opened = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /**
     * Opens a store on {@code file}, with the container directories in {@code containers} beside it, that is closed
     * after the test.
     */
    ContainerStore open(Path file) {
        ContainerStore s = new ContainerStore(file, file.resolveSibling("containers"), json,
                Clock.fixed(NOW, ZoneOffset.UTC));
        opened.add(s);
        return s;
    }

    /** Runs {@code task} on one of two threads, so that two tasks can run at once. */
    <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        // The threads first: a store they are still opening must be in the list before it is closed.
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        opened.forEach(ContainerStore::close);
    }
}
