package io.isoscope.views.console;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for the FX thread: other threads queue work, the test thread runs it while it waits for a condition,
 * so ViewModel state still changes on one thread only. Thread-safe.
 */
final class UiQueue implements Executor {

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private int executed;

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** How many queued tasks the test thread has run. Test thread only. */
    int executed() {
        return executed;
    }

    /** How many tasks wait. */
    int pending() {
        return queue.size();
    }

    /** Runs queued work until {@code condition} holds; fails after {@code timeout}. Test thread only. */
    void runUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Runnable task = queue.poll(10, TimeUnit.MILLISECONDS);
                if (task != null) {
                    executed++;
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs what is queued now (and what that queues). Test thread only. */
    void runPending() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            executed++;
            task.run();
        }
    }
}
