package io.isoscope.views.details;

import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.views.common.Formats;

import java.math.BigDecimal;

/**
 * The Details tab's words for a container's limits: "unlimited" where there is none, sizes in MiB/GiB, CPUs as a
 * count, and what each limit means for a utility VM. Stateless, thread-safe.
 */
final class LimitTexts {

    static final String UNLIMITED = "unlimited";
    /** What a container from an older Isoscope shows for what it did not record. */
    static final String UNKNOWN = "unknown — created by an older Isoscope, which did not record it";

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private LimitTexts() {
    }

    /** E.g. "256 MiB", "1 GiB", or "unlimited"; for a VM, its RAM. */
    static String memory(ResourceLimits limits, Isolation isolation) {
        if (limits == null) {
            return UNKNOWN;
        }
        long bytes = limits.memoryBytes();
        if (bytes == 0) {
            return UNLIMITED;
        }
        String size = bytes % GIB == 0 ? bytes / GIB + " GiB" : bytes % MIB == 0 ? bytes / MIB + " MiB"
                : Formats.bytes(bytes);
        return isolation == Isolation.HYPERV ? size + " (the VM's RAM)" : size;
    }

    /** E.g. "2", "1.5", or "unlimited"; for a VM, its vCPUs. */
    static String cpus(ResourceLimits limits, Isolation isolation) {
        if (limits == null) {
            return UNKNOWN;
        }
        if (limits.nanoCpus() == 0) {
            return UNLIMITED;
        }
        String count = BigDecimal.valueOf(limits.nanoCpus()).movePointLeft(9).stripTrailingZeros().toPlainString();
        return isolation == Isolation.HYPERV ? count + " (the VM's vCPUs)" : count;
    }

    /** E.g. "4096", or "unlimited"; a VM's processes are its own kernel's to count. */
    static String processes(ResourceLimits limits, Isolation isolation) {
        if (limits == null) {
            return UNKNOWN;
        }
        if (limits.pidsLimit() == 0) {
            return isolation == Isolation.HYPERV ? UNLIMITED + " by the host (the VM's own kernel runs them)" : UNLIMITED;
        }
        return Long.toString(limits.pidsLimit());
    }
}
