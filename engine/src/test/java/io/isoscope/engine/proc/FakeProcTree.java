package io.isoscope.engine.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake /proc tree in a test's temporary directory, laid out and formatted as the kernel does. */
final class FakeProcTree {

    static final long BOOT_EPOCH_SECOND = 1_700_000_000L;

    private final Path root;

    /** A tree whose reader ("self") lives in PID namespace {@code ownPidNamespace}. */
    FakeProcTree(Path root, long ownPidNamespace) throws IOException {
        this.root = root;
        Files.writeString(root.resolve("stat"),
                "cpu  1 2 3 4 5 6 7 0 0 0\nintr 0\nctxt 99\nbtime " + BOOT_EPOCH_SECOND + "\nprocesses 5\n");
        Files.createDirectories(root.resolve("self/ns"));
        Files.createSymbolicLink(root.resolve("self/ns/pid"), Path.of("pid:[" + ownPidNamespace + "]"));
        Files.createDirectories(root.resolve("sys/kernel"));
    }

    Path root() {
        return root;
    }

    /** A process directory with the given stat content, cmdline bytes and pid namespace inode. */
    Path process(long pid, String stat, byte[] cmdline, long pidNamespace) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat);
        Files.write(dir.resolve("cmdline"), cmdline);
        Files.createDirectories(dir.resolve("ns"));
        Files.createSymbolicLink(dir.resolve("ns/pid"), Path.of("pid:[" + pidNamespace + "]"));
        return dir;
    }

    /** Adds a status file with the given NSpid line to an existing process directory. */
    void status(long pid, String nsPidLine) throws IOException {
        Files.writeString(root.resolve(Long.toString(pid)).resolve("status"),
                "Name:\tx\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t" + pid + "\nNgid:\t0\nPid:\t" + pid
                        + "\nPPid:\t1\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t\n"
                        + "NStgid:\t" + pid + "\n" + nsPidLine + "\nNSpgid:\t1\nNSsid:\t1\nVmPeak:\t   1000 kB\n");
    }

    /** A stat line in the kernel's 52-field layout with the fields the reader uses set, the rest plausible. */
    static String stat(long pid, String comm, long ppid, long session, long utime, long stime, int threads,
                       long startTicks, long vsize, long rssPages) {
        return pid + " (" + comm + ") S " + ppid + " " + pid + " " + session + " 34816 -1 4194560 1503 0 0 0 "
                + utime + " " + stime + " 0 0 20 0 " + threads + " 0 " + startTicks + " " + vsize + " " + rssPages
                + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
