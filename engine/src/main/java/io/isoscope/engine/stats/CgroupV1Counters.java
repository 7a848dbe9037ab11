package io.isoscope.engine.stats;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A cgroup's counters on cgroups v1, where each controller has a hierarchy (a directory) of its own:
 * {@code cpuacct.usage} (nanoseconds), {@code memory.usage_in_bytes} minus {@code total_inactive_file} from
 * {@code memory.stat}, {@code memory.limit_in_bytes} and {@code pids.current}. Stateless, thread-safe.
 */
final class CgroupV1Counters {

    private CgroupV1Counters() {
    }

    /**
     * Reads the counters from the cgroup's directory in each hierarchy; {@code pidsDir} may be {@code null} when
     * the pids controller is not mounted.
     *
     * @throws IOException when the CPU or memory usage cannot be read
     */
    static CgroupUsage read(Path cpuacctDir, Path memoryDir, Path pidsDir) throws IOException {
        long cpuNanos = CgroupFiles.number(cpuacctDir.resolve("cpuacct.usage"));
        long usage = CgroupFiles.number(memoryDir.resolve("memory.usage_in_bytes"));
        // total_ counts the cgroup with its children, as usage_in_bytes does.
        Long inactive = CgroupFiles.keyed(memoryDir.resolve("memory.stat"), "total_inactive_file");
        Long limit = CgroupFiles.optionalNumber(memoryDir.resolve("memory.limit_in_bytes"));
        Long pids = pidsDir == null ? null : CgroupFiles.optionalNumber(pidsDir.resolve("pids.current"));
        return new CgroupUsage(cpuNanos / 1e9, CgroupUsage.withoutCache(usage, inactive),
                limit == null ? null : CgroupUsage.limit(limit), pids == null ? null : Math.toIntExact(pids));
    }
}
