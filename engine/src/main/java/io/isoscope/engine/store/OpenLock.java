package io.isoscope.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock on a file beside the database that orders opening against recovery: openers hold it shared while they
 * open and check the database, the one engine that moves a damaged database aside and builds the new one holds it
 * exclusively, so no opener sees the file half-replaced and no two engines replace it twice. Held only while
 * opening, never while the engine runs. Works across processes (an fcntl lock; never on the database file itself,
 * whose fcntl locks belong to SQLite) and across threads of one JVM (by waiting out the JVM's overlap check).
 * Not thread-safe; close it on the thread that took it.
 */
final class OpenLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OpenLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code file} (created 0600 if needed), shared or exclusive, waiting at most {@code timeout}. */
    static OpenLock acquire(Path file, boolean shared, Duration timeout) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = null;
                try {
                    lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // Another thread of this process holds it: the JVM refuses instead of waiting, so wait here.
                }
                if (lock != null) {
                    return new OpenLock(channel, lock);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("another Isoscope has been opening or recovering the database for more than "
                            + timeout.toSeconds() + " s (lock " + file + ")");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock; closing the channel releases it even if the release itself fails. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
