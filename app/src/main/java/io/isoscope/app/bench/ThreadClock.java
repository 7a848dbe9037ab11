package io.isoscope.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The calling thread's CPU time (from the JVM) and the time it sat runnable in the kernel's run queue waiting for a
 * CPU (from Linux's {@code /proc/thread-self/schedstat}): with the wait subtracted, a thread's elapsed time measures
 * its own work (and its waits on locks and I/O), not the load other programs put on the machine. Where that file is
 * missing the wait reads as zero. Confined to the thread that created it.
 */
final class ThreadClock {

    /** A reading: nanoseconds on a CPU and nanoseconds waiting for one, since the thread started. */
    record Reading(long cpuNanos, long waitNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final FileChannel schedstat;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);

    /** A clock for the calling thread. */
    ThreadClock() {
        this.schedstat = open();
    }

    /** Whether the run-queue wait is known (Linux); otherwise it reads as zero. */
    boolean knowsWaits() {
        return schedstat != null;
    }

    /** The calling thread's CPU time and run-queue wait so far. */
    Reading read() {
        if (schedstat != null) {
            try {
                buffer.clear();
                int n = schedstat.read(buffer, 0);
                String[] fields = new String(buffer.array(), 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim()
                        .split("\\s+");
                // The first field (time on a CPU) is only brought up to date when the thread is switched out, so
                // the CPU time comes from the JVM; the second (run-queue wait) is current while the thread runs.
                return new Reading(THREADS.getCurrentThreadCpuTime(), Long.parseLong(fields[1]));
            } catch (IOException | RuntimeException e) {
                // Fall through to the JVM's CPU clock: the measurement stays usable, just without the waits.
            }
        }
        return new Reading(THREADS.getCurrentThreadCpuTime(), 0);
    }

    private static FileChannel open() {
        try {
            // The link resolves to the opening thread's own directory, and the channel stays on it.
            return FileChannel.open(Path.of("/proc/thread-self/schedstat").toRealPath(), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
