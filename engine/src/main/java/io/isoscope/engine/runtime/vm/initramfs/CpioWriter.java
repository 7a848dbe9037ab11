package io.isoscope.engine.runtime.vm.initramfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format (magic {@code 070701}), the one the Linux kernel unpacks as an
 * initramfs: per entry a 110-byte ASCII header of thirteen 8-digit hex fields, the NUL-terminated name padded so
 * the data starts on a 4-byte boundary, then the data padded to a 4-byte boundary; a {@code TRAILER!!!} entry ends
 * the archive. Every mtime is 0 and inode numbers count up from 1 in writing order, so the same entries always give
 * the same bytes. Hard links are not expressed: each entry has its own inode (nlink 1; 2 for directories), so a
 * hard-linked file's content is stored once per name.
 * Names are written as given (the kernel and GNU cpio expect them relative, e.g. {@code bin/sh}). Not thread-safe:
 * one archive, written by one thread.
 */
final class CpioWriter {

    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int PERMISSION_BITS = 07777;

    private static final String MAGIC = "070701";
    private static final int HEADER_SIZE = 110;
    private static final String TRAILER = "TRAILER!!!";
    private static final byte[] ZEROS = new byte[4];

    private final OutputStream out;
    private long written;
    private int nextInode = 1;
    private boolean finished;

    /** A writer appending to {@code out}, which it neither buffers nor closes (the caller owns it). */
    CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** A directory entry with {@code permissions} (the low 12 mode bits). */
    void directory(String name, int permissions, int uid, int gid) throws IOException {
        entry(name, S_IFDIR | checkedPermissions(permissions), uid, gid, 2, 0);
    }

    /** A regular file holding {@code content}. */
    void file(String name, int permissions, int uid, int gid, byte[] content) throws IOException {
        entry(name, S_IFREG | checkedPermissions(permissions), uid, gid, 1, content.length);
        out.write(content);
        written += content.length;
        pad();
    }

    /**
     * A regular file whose {@code size} bytes come from {@code content}; fewer or more bytes than announced are an
     * {@link IOException} (the header, already written, would otherwise lie and misalign every later entry).
     */
    void file(String name, int permissions, int uid, int gid, long size, InputStream content) throws IOException {
        entry(name, S_IFREG | checkedPermissions(permissions), uid, gid, 1, size);
        long copied = content.transferTo(out);
        written += copied;
        if (copied != size) {
            throw new IOException("cpio entry " + name + ": announced " + size + " bytes but its content had "
                    + copied + " (did the file change while the archive was written?)");
        }
        pad();
    }

    /** A symbolic link to {@code target}, stored as the link's data the way {@code readlink} returns it. */
    void symlink(String name, String target, int uid, int gid) throws IOException {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("cpio entry " + name + ": a symbolic link needs a target");
        }
        entry(name, S_IFLNK | 0777, uid, gid, 1, bytes.length);
        out.write(bytes);
        written += bytes.length;
        pad();
    }

    /** Writes the {@code TRAILER!!!} entry; nothing may be added after it. */
    void finish() throws IOException {
        checkOpen();
        header(TRAILER, 0, 0, 0, 0, 1, 0);
        finished = true;
    }

    private void entry(String name, int mode, int uid, int gid, int nlink, long size) throws IOException {
        checkOpen();
        if (name.isEmpty() || name.equals(TRAILER) || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable cpio entry name: \"" + name + "\"");
        }
        header(name, nextInode++, mode, uid, gid, nlink, size);
    }

    private void header(String name, int inode, int mode, int uid, int gid, int nlink, long size)
            throws IOException {
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new IOException("cpio entry " + name + ": " + size + " bytes do not fit the newc format's"
                    + " 32-bit size field");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(HEADER_SIZE).append(MAGIC);
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        for (long field : new long[] {inode, mode, uid & 0xFFFF_FFFFL, gid & 0xFFFF_FFFFL, nlink, 0, size, 0, 0, 0, 0,
                nameBytes.length + 1L, 0}) {
            header.append(String.format("%08X", field));
        }
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(nameBytes);
        out.write(0);
        written += HEADER_SIZE + nameBytes.length + 1L;
        pad();
    }

    // Each header starts 4-aligned, so padding to the stream's 4-byte boundary is padding header+name (and data)
    // to a multiple of 4, which is the format's rule.
    private void pad() throws IOException {
        int padding = (int) ((4 - (written & 3)) & 3);
        out.write(ZEROS, 0, padding);
        written += padding;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the cpio archive is already finished");
        }
    }

    private static int checkedPermissions(int permissions) {
        if ((permissions & ~PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("not permission bits: 0" + Integer.toOctalString(permissions));
        }
        return permissions;
    }
}
