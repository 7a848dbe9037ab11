package io.isoscope.views.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock and a {@link UiTimer} that only move when the test says so: {@link #advance(Duration)} moves the time and
 * runs what fell due, in time order (including what those actions schedule within the span). Not thread-safe.
 */
public final class ManualTime extends Clock implements UiTimer {

    private record Due(Instant at, long order, Runnable action, boolean[] cancelled) {
    }

    private final List<Due> queue = new ArrayList<>();
    private Instant now = Instant.parse("2025-01-02T03:04:05Z");
    private long order;

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        queue.add(new Due(now.plus(delay), order++, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the time on by {@code span}, running each action when its time comes. */
    public void advance(Duration span) {
        Instant end = now.plus(span);
        while (true) {
            Due next = queue.stream().filter(d -> !d.at().isAfter(end))
                    .min(Comparator.comparing(Due::at).thenComparingLong(Due::order)).orElse(null);
            if (next == null) {
                break;
            }
            queue.remove(next);
            if (next.at().isAfter(now)) {
                now = next.at();
            }
            if (!next.cancelled()[0]) {
                next.action().run();
            }
        }
        now = end;
    }

    /** How many scheduled actions are still waiting (cancelled ones included until their time). */
    public long waiting() {
        return queue.stream().filter(d -> !d.cancelled()[0]).count();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
