package io.isoscope.engine.api;

import java.time.Instant;

/**
 * Something that happened to a container, as {@code docker events} reports it. Immutable, thread-safe.
 *
 * @param time        when
 * @param type        what
 * @param containerId which container
 * @param name        its name at the time
 * @param detail      e.g. {@code exitCode=0}, or {@code null}
 */
public record EngineEvent(Instant time, Type type, String containerId, String name, String detail) {

    /** Docker's event names for container lifecycle. */
    public enum Type { CREATED, STARTED, DIED, STOPPED, KILLED, REMOVED,
        /** Not docker's: the engine finished or undid an operation a previous engine left half-done. */
        RECOVERED }
}
