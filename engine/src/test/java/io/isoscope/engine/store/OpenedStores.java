package io.isoscope.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
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

    private final ObjectMapper json = new ObjectMapper();
    private final List<ContainerStore> opened = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** Opens a store on {@code file} that is closed after the test. */
    ContainerStore open(Path file) {
        ContainerStore s = new ContainerStore(file, json);
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
