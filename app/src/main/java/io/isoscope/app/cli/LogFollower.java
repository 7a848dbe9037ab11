package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Copies a container's log file to a stream from its first byte while the container runs, like an attached
 * {@code docker run}: new bytes are copied as they appear, and once the engine says the container stopped the
 * rest is drained. Confined to one thread.
 */
final class LogFollower {

    private final ContainerEngine engine;
    private final Duration poll;

    /** {@code poll} bounds each wait for the exit, hence the delay before new output is copied. */
    LogFollower(ContainerEngine engine, Duration poll) {
        this.engine = engine;
        this.poll = poll;
    }

    /** Follows {@code container}'s log into {@code out} until it is no longer running; returns its final state. */
    ContainerInfo follow(String container, OutputStream out) throws IOException {
        Path file = engine.logFile(container);
        try (Tail tail = new Tail(file)) {
            while (true) {
                tail.copyNew(out);
                // awaitExit doubles as the pause between reads: it returns early once the container stops.
                ContainerInfo info = engine.awaitExit(container, poll);
                if (!info.isRunning()) {
                    tail.copyNew(out);
                    return info;
                }
            }
        }
    }

    /** A read position in a file that may not exist yet. */
    private static final class Tail implements AutoCloseable {
        private final Path file;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private FileChannel channel;
        private long position;

        Tail(Path file) {
            this.file = file;
        }

        void copyNew(OutputStream out) throws IOException {
            if (channel == null) {
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (NoSuchFileException notYet) {
                    // The runtime creates the log when the workload starts writing; nothing to copy yet.
                    return;
                }
            }
            int n;
            while ((n = channel.read(buffer.clear(), position)) > 0) {
                out.write(buffer.array(), 0, n);
                position += n;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
