package io.isoscope.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What this JVM holds at one moment: its live Java threads and its open file descriptors (with what each points
 * at), to compare a load's aftermath with the baseline before it. Immutable, thread-safe.
 *
 * @param threads live threads by thread id
 * @param fds     open file descriptors by number, each with its {@code /proc/self/fd} link target
 */
public record JvmFootprint(Map<Long, ThreadRow> threads, Map<Integer, String> fds) {

    private static final Path FD_DIR = Path.of("/proc/self/fd");

    /**
     * One live thread.
     *
     * @param id     its thread id (never reused within a JVM)
     * @param name   its name
     * @param state  its state
     * @param frames its stack, innermost first, as {@code class.method}
     */
    public record ThreadRow(long id, String name, Thread.State state, List<String> frames) {

        /** Whether a frame of its stack is in {@code method} (a {@code class.method} suffix, e.g. "Foo.bar"). */
        public boolean isIn(String method) {
            return frames.stream().anyMatch(f -> f.endsWith(method));
        }

        @Override
        public String toString() {
            return "\"" + name + "\" #" + id + " " + state + (frames.isEmpty() ? "" : " at " + String.join(" < ",
                    frames.subList(0, Math.min(6, frames.size()))));
        }
    }

    public JvmFootprint {
        threads = Map.copyOf(threads);
        fds = Map.copyOf(fds);
    }

    /** This JVM's threads and file descriptors now. */
    public static JvmFootprint now() {
        Map<Long, ThreadRow> threads = new TreeMap<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.isAlive()) {
                threads.put(t.getId(), new ThreadRow(t.getId(), t.getName(), t.getState(), Arrays.stream(stack)
                        .map(f -> f.getClassName() + "." + f.getMethodName()).toList()));
            }
        });
        return new JvmFootprint(threads, openFds());
    }

    /** Threads alive now that were not alive at {@code baseline}, except those {@code allowed} accepts. */
    public List<ThreadRow> threadsAddedSince(JvmFootprint baseline, Predicate<ThreadRow> allowed) {
        return threads.values().stream()
                .filter(t -> !baseline.threads.containsKey(t.id()) && !allowed.test(t))
                .toList();
    }

    /**
     * Descriptors open now that were not open at {@code baseline}, as {@code "fd -> target"}: a number opened
     * since, or reused for something else. Descriptors closed since do not count (other code may close its own).
     */
    public List<String> fdsAddedSince(JvmFootprint baseline) {
        List<String> added = new ArrayList<>();
        fds.forEach((fd, target) -> {
            if (!target.equals(baseline.fds.get(fd))) {
                added.add(fd + " -> " + target);
            }
        });
        return added;
    }

    private static Map<Integer, String> openFds() {
        Map<Integer, String> fds = new TreeMap<>();
        Path ownDir = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FD_DIR)) {
            for (Path entry : entries) {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    // The listing's own descriptor, open only while this method reads the directory.
                    if (!target.equals(ownDir.toString())) {
                        fds.put(Integer.parseInt(entry.getFileName().toString()), target);
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // closed between the listing and the readlink: not open now
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FD_DIR, e);
        }
        return fds;
    }
}
