package io.isoscope.engine;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The one-app-per-state-directory lock ({@code STATE/app.lock}): the long-lived engine of the desktop app holds
 * it for its lifetime, so a second app on the same state says who holds it instead of running two monitors over
 * one set of containers. Short CLI calls do not take it: they are serialised per container by the engine's own
 * locks, which is what makes a CLI call next to the open app safe. The OS drops the lock when its holder dies.
 * Thread-safe.
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for this process, or throws {@link EngineException} (CONFLICT) naming the process that
     * holds it and what to do.
     */
    public static InstanceLock acquire(Path stateDir) {
        Path file = stateDir.resolve("app.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very JVM holds it already
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new EngineException(EngineException.Kind.CONFLICT, "Isoscope is already running on " + stateDir
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + ": use that window, or start this one with ISOSCOPE_HOME set to another directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("PID " + ProcessHandle.current().pid() + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EngineException(EngineException.Kind.IO, "cannot take the lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
            }
        } catch (IOException ignored) {
            // the lock goes with the channel anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held
        }
    }
}
