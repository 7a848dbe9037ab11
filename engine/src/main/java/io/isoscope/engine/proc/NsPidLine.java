package io.isoscope.engine.proc;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code NSpid:} line of {@code /proc/PID/status}. Stateless, thread-safe. */
final class NsPidLine {

    private static final byte[] KEY = "\nNSpid:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private NsPidLine() {
    }

    /**
     * The PIDs of the {@code NSpid} line, outermost first; {@code [pid]} when the kernel predates the line (< 4.1).
     *
     * @throws IllegalArgumentException when the line holds something other than numbers
     */
    static List<Long> parse(byte[] bytes, int length, long pid) {
        int start = find(bytes, length);
        if (start < 0) {
            return List.of(pid);
        }
        List<Long> pids = new ArrayList<>(3);
        long value = -1;
        for (int i = start; i < length && bytes[i] != '\n'; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            } else if (b == ' ' || b == '\t') {
                if (value >= 0) {
                    pids.add(value);
                    value = -1;
                }
            } else {
                throw new IllegalArgumentException("bad NSpid line");
            }
        }
        if (value >= 0) {
            pids.add(value);
        }
        if (pids.isEmpty()) {
            throw new IllegalArgumentException("empty NSpid line");
        }
        return List.copyOf(pids);
    }

    /** Offset just past {@code "\nNSpid:"}, or -1. */
    private static int find(byte[] bytes, int length) {
        outer:
        for (int i = 0; i + KEY.length <= length; i++) {
            for (int k = 0; k < KEY.length; k++) {
                if (bytes[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            return i + KEY.length;
        }
        return -1;
    }
}
