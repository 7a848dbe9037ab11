package io.isoscope.engine.proc;

import java.nio.charset.StandardCharsets;

/** Turns the bytes of {@code /proc/PID/cmdline} into the text {@code ps args} shows. Stateless, thread-safe. */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Joins the NUL-separated arguments with spaces, dropping trailing NULs; {@code [name]} when there are no
     * arguments (kernel threads and zombies), as {@code ps} does. Rewrites {@code bytes} in place.
     */
    static String decode(byte[] bytes, int length, String name) {
        int end = length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return "[" + name + "]";
        }
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                bytes[i] = ' ';
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
