package io.isoscope.engine.proc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the process table from a {@code /proc} tree, cheaply enough to refresh every second: per process one read
 * of {@code stat} and {@code cmdline}, one stat of the directory, one readlink of {@code ns/pid}, and {@code status}
 * only for processes in another PID namespace. Never reads {@code maps}/{@code smaps}. Thread-safe: every call works
 * on buffers of its own.
 */
public final class ProcReader {

    private static final int STAT_LIMIT = 4096;
    private static final int STATUS_LIMIT = 16 * 1024;
    // ps truncates long command lines too; this bounds the buffer for processes with huge argument lists.
    private static final int CMDLINE_LIMIT = 64 * 1024;

    private final Path procRoot;
    private final String dirPrefix;
    private final UserNames users;
    private final KernelConstants kernel;
    private final long bootEpochMillis;

    /**
     * A reader of {@code procRoot} (normally {@code /proc}), asking libc for the clock tick and page size.
     *
     * @throws UncheckedIOException when {@code procRoot/stat} has no boot time, i.e. this is no Linux /proc
     */
    public ProcReader(Path procRoot, UserNames users) {
        this(procRoot, users, KernelConstants.fromLibc());
    }

    /** As {@link #ProcReader(Path, UserNames)} with given kernel units (for fake trees). */
    ProcReader(Path procRoot, UserNames users, KernelConstants kernel) {
        this.procRoot = procRoot;
        this.dirPrefix = procRoot + File.separator;
        this.users = users;
        this.kernel = kernel;
        this.bootEpochMillis = BootTime.epochSecond(procRoot) * 1000;
    }

    /**
     * Every process in the tree, ordered by PID; processes that vanish or turn out unreadable mid-scan are skipped.
     * Thread-safe.
     *
     * @throws UncheckedIOException when the tree itself cannot be listed
     */
    public ProcSnapshot scan() {
        Instant takenAt = Instant.now();
        String[] names = procRoot.toFile().list();
        if (names == null) {
            throw new UncheckedIOException(new IOException("cannot list " + procRoot));
        }
        Scan scan = new Scan(pidNamespaceOf("self"));
        List<ProcEntry> processes = new ArrayList<>(names.length);
        for (String name : names) {
            long pid = pidOf(name);
            if (pid > 0) {
                scan.read(pid).ifPresent(processes::add);
            }
        }
        processes.sort(Comparator.comparingLong(ProcEntry::pid));
        return new ProcSnapshot(processes, scan.ownPidNamespace, takenAt);
    }

    /** Process {@code pid}, or empty when it does not exist (any more) or cannot be read. Thread-safe. */
    public Optional<ProcEntry> read(long pid) {
        return new Scan(pidNamespaceOf("self")).read(pid);
    }

    /** Inode of the PID namespace of {@code pid} (from {@code ns/pid -> "pid:[N]"}), 0 if unreadable. Thread-safe. */
    public long pidNamespaceOf(long pid) {
        return pidNamespaceOf(Long.toString(pid));
    }

    private long pidNamespaceOf(String dirName) {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of(dirPrefix + dirName + "/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException unreadable) {
            return 0;
        }
        int open = target.indexOf('[');
        int close = target.lastIndexOf(']');
        if (!target.startsWith("pid:") || open < 0 || close < open) {
            return 0;
        }
        try {
            return Long.parseLong(target, open + 1, close, 10);
        } catch (NumberFormatException notAnInode) {
            return 0;
        }
    }

    /** A positive PID for an all-digit directory name, else 0 (self, sys, net, ...). */
    private static long pidOf(String name) {
        if (name.isEmpty() || name.length() > 18) {
            return 0;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    /** The state of one scan: its buffer and uid names memo. Confined to the calling thread. */
    private final class Scan {
        private final long ownPidNamespace;
        private final ProcFileBuffer buffer = new ProcFileBuffer();
        // A scan meets a handful of uids; this keeps UserNames' freshness check to one per uid per scan.
        private final Map<Integer, String> userNames = new HashMap<>();

        Scan(long ownPidNamespace) {
            this.ownPidNamespace = ownPidNamespace;
        }

        Optional<ProcEntry> read(long pid) {
            String dir = dirPrefix + pid;
            try {
                buffer.read(dir + "/stat", STAT_LIMIT);
                StatFields stat = StatFields.parse(buffer.bytes(), buffer.length());
                // The directory's owner is the process's effective uid: one stat(2), cheaper than parsing status.
                int uid = (Integer) Files.getAttribute(Path.of(dir), "unix:uid", LinkOption.NOFOLLOW_LINKS);
                buffer.read(dir + "/cmdline", CMDLINE_LIMIT);
                String commandLine = CommandLine.decode(buffer.bytes(), buffer.length(), stat.name());
                long pidNamespace = pidNamespaceOf(Long.toString(pid));
                List<Long> nsPids = List.of(pid);
                if (pidNamespace != 0 && pidNamespace != ownPidNamespace) {
                    buffer.read(dir + "/status", STATUS_LIMIT);
                    nsPids = NsPidLine.parse(buffer.bytes(), buffer.length(), pid);
                }
                return Optional.of(new ProcEntry(pid, stat.ppid(), stat.name(), commandLine, uid,
                        userNames.computeIfAbsent(uid, users::nameOf),
                        stat.cpuTicks() / (double) kernel.clockTicksPerSecond(),
                        stat.residentPages() * kernel.pageSize(), stat.virtualBytes(), stat.threads(),
                        stat.session(), startTime(stat.startTicks()), pidNamespace, nsPids));
            } catch (IOException | IllegalArgumentException | ArithmeticException goneOrGarbage) {
                // The process exited between listing and reading, or its files are not what /proc writes.
                return Optional.empty();
            }
        }
    }

    private Instant startTime(long ticksAfterBoot) {
        return Instant.ofEpochMilli(bootEpochMillis + ticksAfterBoot * 1000 / kernel.clockTicksPerSecond());
    }
}
