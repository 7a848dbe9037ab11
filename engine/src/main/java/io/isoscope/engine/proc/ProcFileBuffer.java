package io.isoscope.engine.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A growable byte array that whole /proc files are read into, reused file after file within one scan so a scan
 * allocates no per-file buffers. Not thread-safe: each scan owns one.
 */
final class ProcFileBuffer {

    private byte[] bytes = new byte[4096];
    private int length;

    /**
     * Replaces the content with up to {@code limit} bytes of the file at {@code path}.
     *
     * @throws IOException when the file cannot be opened or read (typically: the process has gone)
     */
    void read(String path, int limit) throws IOException {
        length = 0;
        // FileInputStream on a String path is the cheapest open/read/close the JDK offers: no Path, no channel.
        try (FileInputStream in = new FileInputStream(path)) {
            while (length < limit) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, limit));
                }
                int wanted = Math.min(bytes.length, limit) - length;
                int n = in.read(bytes, length, wanted);
                if (n < 0) {
                    return;
                }
                length += n;
                // /proc's seq_file and cmdline readers fill the whole request unless at the end, so a short
                // read is the end: this saves the extra read(2) that would only return 0, per file, per process.
                if (n < wanted) {
                    return;
                }
            }
        }
    }

    /** The backing array; valid up to {@link #length()}, and callers may rewrite it in place. */
    byte[] bytes() {
        return bytes;
    }

    /** How many bytes the last {@link #read} got. */
    int length() {
        return length;
    }
}
