package io.isoscope.engine.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the boot time ({@code btime}) from {@code /proc/stat}. Stateless, thread-safe. */
final class BootTime {

    private BootTime() {
    }

    /**
     * Seconds since the epoch at which the machine booted.
     *
     * @throws UncheckedIOException when {@code procRoot/stat} is unreadable or has no {@code btime} line
     */
    static long epochSecond(Path procRoot) {
        Path stat = procRoot.resolve("stat");
        List<String> lines;
        try {
            lines = Files.readAllLines(stat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read boot time from " + stat, e);
        }
        for (String line : lines) {
            if (line.startsWith("btime ")) {
                try {
                    return Long.parseLong(line.substring("btime ".length()).trim());
                } catch (NumberFormatException e) {
                    throw new UncheckedIOException(new IOException("bad btime line in " + stat + ": " + line, e));
                }
            }
        }
        throw new UncheckedIOException(new IOException("no btime line in " + stat));
    }
}
