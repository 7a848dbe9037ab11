package io.isoscope.engine.runtime.vm.initramfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One entry of the guest's root file system, able to write itself into the initramfs. Device nodes, FIFOs and
 * sockets have no kind here: an image's are left out. Immutable, thread-safe (the host files are only read).
 */
sealed interface RootfsEntry {

    /** Writes this entry into {@code cpio} under {@code name}. */
    void writeTo(CpioWriter cpio, String name) throws IOException;

    /** A directory; {@code permissions} are the low 12 mode bits. */
    record Directory(int permissions, int uid, int gid) implements RootfsEntry {
        @Override
        public void writeTo(CpioWriter cpio, String name) throws IOException {
            cpio.directory(name, permissions, uid, gid);
        }
    }

    /** A regular file whose {@code size} bytes are those of the host file {@code source}. */
    record HostFile(Path source, int permissions, int uid, int gid, long size) implements RootfsEntry {
        @Override
        public void writeTo(CpioWriter cpio, String name) throws IOException {
            try (InputStream content = Files.newInputStream(source)) {
                cpio.file(name, permissions, uid, gid, size, content);
            }
        }
    }

    /** A symbolic link with the target of the host link {@code source}. */
    record Symlink(Path source, int uid, int gid) implements RootfsEntry {
        @Override
        public void writeTo(CpioWriter cpio, String name) throws IOException {
            cpio.symlink(name, Files.readSymbolicLink(source).toString(), uid, gid);
        }
    }

    /** A regular file holding {@code content}, which nobody may change afterwards. */
    record Content(byte[] content, int permissions, int uid, int gid) implements RootfsEntry {
        @Override
        public void writeTo(CpioWriter cpio, String name) throws IOException {
            cpio.file(name, permissions, uid, gid, content);
        }
    }
}
