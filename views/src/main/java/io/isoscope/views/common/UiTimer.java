package io.isoscope.views.common;

import java.time.Duration;

/**
 * Runs actions on the UI thread after a delay, for ViewModels that wait (a countdown, a retry) without the
 * toolkit's animation classes, so tests can drive time by hand. Implementations are thread-safe.
 */
public interface UiTimer {

    /** A scheduled action that has not run yet. */
    @FunctionalInterface
    interface Scheduled {
        /** Makes sure the action does not run, if it has not yet; idempotent. Call on the UI thread. */
        void cancel();
    }

    /** Runs {@code action} on the UI thread once {@code delay} has passed. Thread-safe. */
    Scheduled schedule(Duration delay, Runnable action);
}
