package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * The file operations the store's crash safety rests on: write-to-temp-then-rename, and removing what a failed or
 * crashed operation left behind. Stateless, thread-safe.
 */
final class StoreFiles {

    private StoreFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} so that readers see the old file or the new one, never a part:
     * the bytes go to a temp file in {@code tmpDir} (same file system), are flushed to disk, then renamed.
     */
    static void writeAtomically(Path target, byte[] content, Path tmpDir) throws IOException {
        Files.createDirectories(tmpDir);
        Path temp = Files.createTempFile(tmpDir, "write-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // Temp files are created 0600; the store's documents are meant to be world-readable like docker's.
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames {@code source} to {@code target} in one step, replacing a file (not a non-empty directory) there. */
    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target + " atomically: the store's "
                    + "directories must be on one file system", e);
        }
    }

    /** Deletes a file or a directory tree without following symbolic links; absent is fine. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes the entries of {@code dir} whose name starts with {@code prefix} and that were last modified more than
     * {@code age} before {@code now}: the leftovers of an operation that crashed. Younger ones may belong to an
     * operation still running in another process, so they stay.
     */
    static void deleteStale(Path dir, String prefix, Duration age, Instant now) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        FileTime cutoff = FileTime.from(now.minus(age));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path entry : entries) {
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.lastModifiedTime().compareTo(cutoff) < 0) {
                    deleteRecursively(entry);
                }
            }
        }
    }
}
