package io.isoscope.app.cli;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread brings about, with a deadline. Stateless, thread-safe. */
final class Polling {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Polling() {
    }

    /** Returns once {@code condition} holds; fails the test after 10 s. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
