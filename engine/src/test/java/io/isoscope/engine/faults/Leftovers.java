package io.isoscope.engine.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a state directory can leave behind on the host: mounts under it, processes naming it or a container ID,
 * runc state, socket directories, container directories, journal entries. Stateless, thread-safe.
 */
final class Leftovers {

    private Leftovers() {
    }

    /** Mount points under {@code state}, from /proc/self/mountinfo. */
    static List<String> mounts(Path state) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && f[4].startsWith(state.toString())) {
                out.add(f[4]);
            }
        }
        return out;
    }

    /** Live processes (not this JVM) whose command line names {@code text}: a monitor, runc, QEMU, a child JVM. */
    static List<String> processesNaming(String text) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && h.isAlive())
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(text)).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .toList();
    }

    /** The entries of a directory (empty if it does not exist). */
    static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
