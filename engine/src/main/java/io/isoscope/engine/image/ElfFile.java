package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * What the store needs to know about an ELF executable: its architecture and whether it asks for a dynamic loader
 * (a {@code PT_INTERP} program header), which would not exist inside a one-binary image. Immutable, thread-safe.
 *
 * @param architecture the OCI/Go name of the machine, e.g. {@code amd64}, or {@code unknown}
 * @param interpreter  the program interpreter it requests (e.g. {@code /lib64/ld-linux-x86-64.so.2}), or
 *                     {@code null} for a statically linked file
 */
record ElfFile(String architecture, String interpreter) {

    private static final int PT_INTERP = 3;
    private static final int MAX_INTERPRETER_BYTES = 4096;
    private static final Map<Integer, String> MACHINES = Map.of(
            3, "386", 40, "arm", 62, "amd64", 183, "arm64", 243, "riscv64", 21, "ppc64le", 22, "s390x");

    /** Whether it runs without a dynamic loader. */
    boolean isStatic() {
        return interpreter == null;
    }

    /** Reads the ELF and program headers of {@code file}; empty when it is not an ELF file at all. */
    static Optional<ElfFile> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = readAt(channel, 0, 64);
            if (header.remaining() < 6 || header.getInt(0) != 0x7f454c46) {
                return Optional.empty();
            }
            boolean is64 = header.get(4) == 2;
            if (header.remaining() < (is64 ? 64 : 52)) {
                throw new IOException(file + " has a truncated ELF header");
            }
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int machine = Short.toUnsignedInt(header.getShort(18));
            long phoff = is64 ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
            int phentsize = Short.toUnsignedInt(header.getShort(is64 ? 54 : 42));
            int phnum = Short.toUnsignedInt(header.getShort(is64 ? 56 : 44));
            String interpreter = null;
            for (int i = 0; i < phnum && interpreter == null; i++) {
                ByteBuffer ph = readAt(channel, phoff + (long) i * phentsize, phentsize).order(header.order());
                if (ph.remaining() < (is64 ? 40 : 20)) {
                    throw new IOException(file + " has a truncated program header table");
                }
                if (ph.getInt(0) == PT_INTERP) {
                    long offset = is64 ? ph.getLong(8) : Integer.toUnsignedLong(ph.getInt(4));
                    long size = is64 ? ph.getLong(32) : Integer.toUnsignedLong(ph.getInt(16));
                    interpreter = interpreterName(channel, offset, size);
                }
            }
            return Optional.of(new ElfFile(MACHINES.getOrDefault(machine, "unknown"), interpreter));
        }
    }

    private static String interpreterName(FileChannel channel, long offset, long size) throws IOException {
        ByteBuffer bytes = readAt(channel, offset, (int) Math.min(Math.max(size, 0), MAX_INTERPRETER_BYTES));
        String text = StandardCharsets.ISO_8859_1.decode(bytes).toString();
        int nul = text.indexOf('\0');
        String name = nul >= 0 ? text.substring(0, nul) : text;
        // Even an unreadable name means "needs a loader": that, not the name, is what matters.
        return name.isEmpty() ? "(unnamed)" : name;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        // A damaged header can hold any offset; past the end (or negative) simply reads nothing.
        while (position >= 0 && buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
