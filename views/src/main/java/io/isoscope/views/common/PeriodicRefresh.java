package io.isoscope.views.common;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls a tick action at a fixed period on a scheduler until closed. The action is expected to hand itself to the
 * UI thread and to skip when the previous refresh is still running. Thread-safe.
 */
public final class PeriodicRefresh implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PeriodicRefresh.class.getName());

    private final ScheduledFuture<?> future;

    /** Starts ticking {@code tick} every {@code period}, first after one period. */
    public PeriodicRefresh(ScheduledExecutorService scheduler, Duration period, Runnable tick) {
        long millis = period.toMillis();
        this.future = scheduler.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // An escaping exception would cancel every later tick; log it and let the next period try again.
                LOG.log(System.Logger.Level.WARNING, "refresh tick failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a tick already running finishes. Idempotent, thread-safe. */
    @Override
    public void close() {
        future.cancel(false);
    }
}
