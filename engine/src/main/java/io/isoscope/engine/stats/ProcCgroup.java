package io.isoscope.engine.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A process's cgroups, from {@code /proc/PID/cgroup}: per cgroup-v1 controller the path in that controller's
 * hierarchy, and the path in the unified (v2) hierarchy. Paths are relative to the reader's cgroup namespace.
 * Immutable, thread-safe.
 *
 * @param v1Paths the v1 path by controller name, e.g. {@code memory -> /isoscope/ID}
 * @param v2Path  the path in the unified hierarchy (the {@code 0::PATH} line), or {@code null} when absent
 */
record ProcCgroup(Map<String, String> v1Paths, String v2Path) {

    ProcCgroup {
        v1Paths = Map.copyOf(v1Paths);
    }

    /**
     * Parses the file's text. Lines are {@code ID:CONTROLLERS:PATH}; a v1 hierarchy may carry several controllers
     * ({@code 4:cpu,cpuacct:/x}); named hierarchies ({@code name=systemd}) hold no counters and are skipped.
     *
     * @throws IllegalArgumentException when a line is not of that form
     */
    static ProcCgroup parse(String text) {
        Map<String, String> v1 = new HashMap<>();
        String v2 = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // The path itself may contain ':', so only the first two separate fields.
            String[] f = line.split(":", 3);
            if (f.length != 3 || f[2].isEmpty()) {
                throw new IllegalArgumentException("not a /proc/PID/cgroup line: " + line);
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2 = f[2];
                continue;
            }
            for (String controller : f[1].split(",")) {
                if (!controller.isEmpty() && !controller.startsWith("name=")) {
                    v1.put(controller, f[2]);
                }
            }
        }
        return new ProcCgroup(v1, v2);
    }

    /** The v1 path of {@code controller}, if the process is in a v1 hierarchy with it. */
    Optional<String> v1Path(String controller) {
        return Optional.ofNullable(v1Paths.get(controller));
    }
}
