package io.isoscope.views.stats;

/**
 * One point of the live charts. Immutable, thread-safe.
 *
 * @param seconds        when, in seconds since the first sample of the selected container (the charts' x)
 * @param cpuPercent     CPU use since the sample before, 100 = one busy CPU
 * @param memoryMiB      memory in use
 * @param guestCpuPercent the guest's own processes' CPU use, {@code null} when there are no guest numbers
 * @param guestMemoryMiB  their resident memory, {@code null} when there are no guest numbers
 */
public record StatsPoint(double seconds, double cpuPercent, double memoryMiB, Double guestCpuPercent,
                         Double guestMemoryMiB) {
}
