package io.isoscope.engine.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits with a deadline for what another thread or process brings about, for tests (which must not sleep a fixed
 * time instead). Stateless, thread-safe; the probes run on the caller's thread.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    private Poll() {
    }

    /**
     * Returns once {@code condition} holds; fails with an {@link AssertionError} naming {@code what} when it does
     * not within {@code timeout}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        untilPresent(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /**
     * The first value {@code probe} yields within {@code timeout}; fails with an {@link AssertionError} naming
     * {@code what} otherwise.
     */
    public static <T> T untilPresent(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
