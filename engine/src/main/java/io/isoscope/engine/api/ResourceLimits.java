package io.isoscope.engine.api;

/**
 * The resource limits a container was created with, in the units of {@code docker inspect}'s {@code HostConfig}:
 * for process isolation its cgroup limits, for hyperv its utility VM's size (which always has one). Immutable,
 * thread-safe.
 *
 * @param memoryBytes most memory, in bytes (hyperv: the VM's RAM); 0 = unlimited
 * @param nanoCpus    CPU time in billionths of a CPU, {@code --cpus 2} being 2,000,000,000 (hyperv: the VM's
 *                    vCPUs); 0 = unlimited
 * @param pidsLimit   most processes at once; 0 = unlimited (always for hyperv: the VM's own kernel counts its
 *                    processes, not the host's cgroups)
 */
public record ResourceLimits(long memoryBytes, long nanoCpus, long pidsLimit) {

    /** {@link #nanoCpus} of one whole CPU. */
    public static final long NANOS_PER_CPU = 1_000_000_000L;

    /** Refuses a negative limit (0 is the spelling of "none"). */
    public ResourceLimits {
        if (memoryBytes < 0 || nanoCpus < 0 || pidsLimit < 0) {
            throw new IllegalArgumentException("limits are 0 (none) or positive: memory " + memoryBytes + ", nanoCpus "
                    + nanoCpus + ", pids " + pidsLimit);
        }
    }

    /** No limit at all. */
    public static ResourceLimits unlimited() {
        return new ResourceLimits(0, 0, 0);
    }

    /** Limits given in MiB and whole CPUs (0 = none each). */
    public static ResourceLimits of(int memoryMiB, int cpus, long pidsLimit) {
        return new ResourceLimits((long) memoryMiB << 20, cpus * NANOS_PER_CPU, pidsLimit);
    }
}
