package io.isoscope.engine.core;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per container that holds across threads and across processes (the GUI and CLI calls share a state
 * directory): a reentrant in-JVM lock plus an exclusive {@code flock}-style lock on {@code DIR/ID.lock}. The OS
 * drops the file lock when its holder dies, which is how recovery tells an interrupted operation from one still
 * in progress elsewhere. Thread-safe.
 */
final class ContainerLocks {

    private final Path dir;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Locks whose files live in {@code dir} (created 0700 if missing). */
    ContainerLocks(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the container's lock; close the result to release it. Reentrant on one thread. */
    Held hold(String id) {
        Entry e = entries.computeIfAbsent(id, Entry::new);
        e.local.lock();
        try {
            e.acquireFile(true);
            return new Held(e);
        } catch (RuntimeException ex) {
            e.local.unlock();
            throw ex;
        }
    }

    /** The container's lock if nobody (in this process or another) holds it now. */
    Optional<Held> tryHold(String id) {
        Entry e = entries.computeIfAbsent(id, Entry::new);
        if (!e.local.tryLock()) {
            return Optional.empty();
        }
        try {
            if (e.acquireFile(false)) {
                return Optional.of(new Held(e));
            }
        } catch (RuntimeException ex) {
            e.local.unlock();
            throw ex;
        }
        e.local.unlock();
        return Optional.empty();
    }

    /** Deletes the lock file of a removed container; the caller holds its lock. */
    void forget(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException ignored) {
            // a stale empty lock file is harmless
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".lock");
    }

    /** A held lock. Not thread-safe: released by the thread that took it. */
    final class Held implements AutoCloseable {
        private final Entry entry;

        private Held(Entry entry) {
            this.entry = entry;
        }

        @Override
        public void close() {
            entry.releaseFile();
            entry.local.unlock();
        }
    }

    private final class Entry {
        private final String id;
        private final ReentrantLock local = new ReentrantLock();
        private FileChannel channel;
        private FileLock lock;

        Entry(String id) {
            this.id = id;
        }

        /** Called with {@link #local} held; takes the file lock on the outermost hold only. */
        boolean acquireFile(boolean wait) {
            if (local.getHoldCount() > 1) {
                return true;
            }
            try {
                channel = FileChannel.open(file(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = wait ? channel.lock() : channel.tryLock();
                if (lock == null) {
                    channel.close();
                    channel = null;
                    return false;
                }
                return true;
            } catch (IOException e) {
                closeQuietly();
                throw new EngineException(EngineException.Kind.IO, "cannot lock container " + id + ": " + e.getMessage(), e);
            }
        }

        /** Called with {@link #local} held; drops the file lock with the outermost hold. */
        void releaseFile() {
            if (local.getHoldCount() == 1) {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close(); // releases the lock too
                }
            } catch (IOException ignored) {
                // the OS drops the lock with the descriptor anyway
            }
            channel = null;
            lock = null;
        }
    }
}
