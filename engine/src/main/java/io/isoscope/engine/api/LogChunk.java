package io.isoscope.engine.api;

import java.util.List;

/**
 * The complete lines of a container's log from one offset on, and where to read next to follow it. Immutable,
 * thread-safe.
 *
 * @param lines      the lines read (an unfinished last line is left for the next read)
 * @param nextOffset the byte offset to pass to the next read
 */
public record LogChunk(List<LogLine> lines, long nextOffset) {

    /** Copies the list. */
    public LogChunk {
        lines = List.copyOf(lines);
    }
}
