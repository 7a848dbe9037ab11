package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.LogChunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints a container's log from its first line through the engine's {@link ContainerEngine#readLog}, which knows
 * the log's format (times and streams, or raw lines): all of it once, or, like an attached {@code docker run} and
 * {@code docker logs -f}, new lines as they appear while the container runs, and once the engine says it stopped
 * the rest. Confined to one thread.
 */
final class LogFollower {

    private final ContainerEngine engine;
    private final Duration poll;

    /** {@code poll} bounds each wait for the exit, hence the delay before new output is printed. */
    LogFollower(ContainerEngine engine, Duration poll) {
        this.engine = engine;
        this.poll = poll;
    }

    /** Prints {@code container}'s log as it is now, an unfinished last line included. */
    void printAll(String container, LogPrinter printer) throws IOException {
        long end = drain(container, 0, printer);
        printer.printUnfinished(unfinishedLine(container, end));
    }

    /** Follows {@code container}'s log into {@code printer} until it is no longer running; returns its final state. */
    ContainerInfo follow(String container, LogPrinter printer) throws IOException {
        long offset = 0;
        while (true) {
            offset = drain(container, offset, printer);
            // awaitExit doubles as the pause between reads: it returns early once the container stops.
            ContainerInfo info = engine.awaitExit(container, poll);
            if (!info.isRunning()) {
                offset = drain(container, offset, printer);
                printer.printUnfinished(unfinishedLine(container, offset));
                return info;
            }
        }
    }

    /** Prints every complete line from {@code offset} on (several reads for a big log); returns where to go on. */
    private long drain(String container, long offset, LogPrinter printer) throws IOException {
        while (true) {
            LogChunk chunk = read(container, offset);
            printer.print(chunk.lines());
            if (chunk.lines().isEmpty()) {
                return chunk.nextOffset();
            }
            offset = chunk.nextOffset();
        }
    }

    private LogChunk read(String container, long offset) throws IOException {
        try {
            return engine.readLog(container, offset);
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.IO) {
                throw new IOException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * What follows the last newline, when the log ends without one (e.g. {@code printf hi}): readLog leaves such a
     * line for a later read, but a stopped container will not finish it. Only then is the whole text read again.
     */
    private String unfinishedLine(String container, long offset) throws IOException {
        if (size(engine.logFile(container)) <= offset) {
            return "";
        }
        String all = engine.logs(container);
        return all.substring(all.lastIndexOf('\n') + 1);
    }

    private static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException notYet) {
            return 0;
        }
    }
}
