package io.isoscope.engine.stats;

/**
 * The counters of one cgroup, in common units whatever the cgroup version. Immutable, thread-safe.
 *
 * @param cpuSeconds       CPU time used by its processes so far
 * @param memoryBytes      memory charged to it minus inactive file cache (docker's "usage without cache")
 * @param memoryLimitBytes its memory limit, {@code null} when unlimited
 * @param pids             how many processes (tasks) it holds, {@code null} when the pids controller is absent
 */
record CgroupUsage(double cpuSeconds, long memoryBytes, Long memoryLimitBytes, Integer pids) {

    /**
     * A limit above this is the kernel's "unlimited" (v1 writes PAGE_COUNTER_MAX pages, about 2^63 bytes): no
     * machine has 4 EiB of RAM.
     */
    static final long UNLIMITED = 1L << 62;

    /**
     * Docker's memory figure: usage minus the inactive file cache, which the kernel reclaims first and which is not
     * the workload's own memory; usage itself when the cache is unknown or not smaller.
     */
    static long withoutCache(long usage, Long inactiveFile) {
        return inactiveFile != null && inactiveFile < usage ? usage - inactiveFile : usage;
    }

    /** A limit as read, or {@code null} when it means "none". */
    static Long limit(long bytes) {
        return bytes >= UNLIMITED ? null : bytes;
    }
}
