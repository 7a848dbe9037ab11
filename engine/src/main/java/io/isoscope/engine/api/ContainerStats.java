package io.isoscope.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of a running container's resource usage, as {@code docker stats} reads it. The CPU time is cumulative,
 * so a CPU percentage needs two samples ({@link #cpuPercentSince}). Immutable, thread-safe.
 *
 * <p>What the numbers count depends on the isolation, which is the point: a process container is its cgroup (the
 * host kernel accounts its processes directly); a VM container costs the host one process, the VM worker
 * ({@code vmwp}), whose CPU time and resident memory include the guest kernel and QEMU itself, and only the guest
 * can say what the container's own processes use ({@link #guest}).
 *
 * @param time             when the counters were read
 * @param cpuSeconds       CPU time used so far (user + system): the cgroup's, or the VM worker's
 * @param memoryBytes      memory in use: the cgroup's usage minus its inactive page cache (as docker counts it), or
 *                         the VM worker's resident set (guest RAM it touched plus QEMU's own memory)
 * @param memoryLimitBytes the cgroup's memory limit or the VM's RAM size; {@code null} when there is no limit
 * @param pids             the number of the container's processes (the cgroup's {@code pids.current}, or the
 *                         guest's count), {@code null} when unknown
 * @param source           where the numbers come from, e.g. {@code cgroup v1} or {@code vmwp process + guest}
 * @param guest            the container's processes as the VM's guest counts them; {@code null} for process
 *                         isolation, or when the guest did not answer
 */
public record ContainerStats(Instant time, double cpuSeconds, long memoryBytes, Long memoryLimitBytes, Integer pids,
                             String source, GuestUsage guest) {

    /**
     * What a VM container's own processes use, summed over them as the guest agent lists them. Immutable,
     * thread-safe.
     *
     * @param cpuSeconds  their CPU time so far (a process that ended takes its share with it)
     * @param memoryBytes the sum of their resident sets
     * @param processes   how many there are
     */
    public record GuestUsage(double cpuSeconds, long memoryBytes, int processes) {
    }

    public ContainerStats {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The CPU use between {@code earlier} and this sample in docker's unit: 100 is one CPU busy all the time, so a
     * container keeping two CPUs busy shows 200. 0 when no time passed between the samples. Thread-safe.
     */
    public double cpuPercentSince(ContainerStats earlier) {
        return percent(earlier.cpuSeconds, cpuSeconds, earlier.time, time);
    }

    /** As {@link #cpuPercentSince} for the guest's own processes; empty unless both samples have guest numbers. */
    public OptionalDouble guestCpuPercentSince(ContainerStats earlier) {
        if (guest == null || earlier.guest == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(percent(earlier.guest.cpuSeconds(), guest.cpuSeconds(), earlier.time, time));
    }

    /**
     * {@link #memoryBytes} as a percentage of the limit; empty without a limit. For a VM it can pass 100: the VM
     * worker holds QEMU's own memory besides the guest's RAM. Thread-safe.
     */
    public OptionalDouble memoryPercent() {
        if (memoryLimitBytes == null || memoryLimitBytes <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(memoryBytes * 100.0 / memoryLimitBytes);
    }

    /** {@link GuestUsage#memoryBytes()} as a percentage of the VM's RAM; empty without both. Thread-safe. */
    public OptionalDouble guestMemoryPercent() {
        if (guest == null || memoryLimitBytes == null || memoryLimitBytes <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(guest.memoryBytes() * 100.0 / memoryLimitBytes);
    }

    private static double percent(double cpuBefore, double cpuAfter, Instant before, Instant after) {
        long wallNanos = Duration.between(before, after).toNanos();
        if (wallNanos <= 0) {
            return 0;
        }
        // Counters only grow, except a guest sum when a process ends: never show a negative use.
        return Math.max(0, cpuAfter - cpuBefore) / (wallNanos / 1e9) * 100;
    }
}
