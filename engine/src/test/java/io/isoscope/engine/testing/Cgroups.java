package io.isoscope.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reading a process's cgroup limits from the host, under cgroups v1 (a hierarchy per controller) or v2 (one unified
 * hierarchy), for tests. Stateless, thread-safe.
 */
public final class Cgroups {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private Cgroups() {
    }

    /** Whether this host runs the unified (v2) hierarchy only. */
    public static boolean unified() {
        return Files.exists(ROOT.resolve("cgroup.controllers"));
    }

    /**
     * The contents of {@code v1File} (under the {@code controller} hierarchy) or {@code v2File} (unified) in the
     * cgroup of host process {@code pid}, trimmed.
     */
    public static String read(long pid, String controller, String v1File, String v2File) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                String[] f = line.split(":", 3);
                boolean mine = unified() ? f[0].equals("0") : java.util.List.of(f[1].split(",")).contains(controller);
                if (mine) {
                    Path dir = unified() ? ROOT.resolve(f[2].substring(1)) : ROOT.resolve(controller).resolve(f[2].substring(1));
                    return Files.readString(dir.resolve(unified() ? v2File : v1File)).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("process " + pid + " is in no " + controller + " cgroup");
    }

    /** The path of {@code file} as the container sees its own cgroup: {@code /sys/fs/cgroup/[controller/]file}. */
    public static String insideContainer(String controller, String v1File, String v2File) {
        return unified() ? "/sys/fs/cgroup/" + v2File : "/sys/fs/cgroup/" + controller + "/" + v1File;
    }

    /** The value, if any, of a {@code KEY:\tVALUE} line of /proc/PID/status-like text. */
    public static Optional<String> statusField(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).trim()).findFirst();
    }
}
