package io.isoscope.engine.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether a PID still names the process a container started. Stateless, thread-safe. */
public final class Liveness {

    private Liveness() {
    }

    /**
     * Whether {@code pid} runs and started within {@code tolerance} of {@code startedAt}: a recycled PID belongs to
     * a process that started long before or after the container's.
     */
    public static boolean alive(long pid, Instant startedAt, Duration tolerance) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = h.get().info().startInstant();
        return start.isEmpty() || startedAt == null
                || Duration.between(start.get(), startedAt).abs().compareTo(tolerance) < 0;
    }
}
