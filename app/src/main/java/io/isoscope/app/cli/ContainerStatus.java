package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;

import java.time.Duration;
import java.time.Instant;

/** The CREATED and STATUS cells of {@code docker ps}, relative to a given "now". Stateless, thread-safe. */
final class ContainerStatus {

    private ContainerStatus() {
    }

    /** E.g. "Up 3 minutes", "Exited (3) 5 seconds ago", "Created", "Dead". */
    static String of(ContainerInfo c, Instant now) {
        return switch (c.state()) {
            case CREATED -> "Created";
            case RUNNING -> c.startedAt() == null ? "Up" : "Up " + HumanDuration.format(Duration.between(c.startedAt(), now));
            case EXITED -> "Exited (" + (c.exitCode() == null ? "?" : c.exitCode()) + ")"
                    + (c.finishedAt() == null ? "" : " " + ago(c.finishedAt(), now));
            case DEAD -> "Dead";
        };
    }

    /** E.g. "5 seconds ago". */
    static String ago(Instant then, Instant now) {
        return HumanDuration.format(Duration.between(then, now)) + " ago";
    }
}
