package io.isoscope.engine.api;

import java.time.Instant;

/**
 * One line of a container's output. Immutable, thread-safe.
 *
 * @param time   when the monitor received it, or {@code null} when the log does not say (a raw log)
 * @param stream which stream it came from (a TTY merges both into stdout)
 * @param text   the line without its line break
 */
public record LogLine(Instant time, LogStream stream, String text) {
}
