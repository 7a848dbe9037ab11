package io.isoscope.engine.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this host can give a container, the bounds of the limits a spec may ask for. Immutable, thread-safe.
 *
 * @param memoryMiB the host's RAM (MemTotal)
 * @param cpus      the CPUs available to this process
 */
record HostLimits(long memoryMiB, int cpus) {

    /** The kernel's most PIDs (PID_MAX_LIMIT on 64-bit): a pids limit above it could never bind. */
    static final int MAX_PIDS = 4_194_304;

    /** This host's, read now. */
    static HostLimits current() {
        return new HostLimits(memTotalMiB(Path.of("/proc/meminfo")), Runtime.getRuntime().availableProcessors());
    }

    /** MemTotal from a /proc/meminfo, in MiB; when unreadable, no bound (the kernel then has the last word). */
    static long memTotalMiB(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Long.MAX_VALUE;
    }
}
