package io.isoscope.engine.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A cgroup's counters on cgroups v2, where one directory holds them all: {@code usage_usec} from {@code cpu.stat},
 * {@code memory.current} minus {@code inactive_file} from {@code memory.stat}, {@code memory.max} ({@code max} when
 * unlimited) and {@code pids.current}. Stateless, thread-safe.
 */
final class CgroupV2Counters {

    private CgroupV2Counters() {
    }

    /**
     * Reads the counters from the cgroup's directory.
     *
     * @throws IOException when the CPU or memory usage cannot be read (the cpu or memory controller is not enabled
     *                     for the cgroup, or it is gone)
     */
    static CgroupUsage read(Path dir) throws IOException {
        // cpu.stat's usage_usec is there even without the cpu controller: the kernel always accounts CPU time.
        Path cpuStat = dir.resolve("cpu.stat");
        Long usec = CgroupFiles.keyed(Files.readString(cpuStat), "usage_usec", cpuStat);
        if (usec == null) {
            throw new IOException(cpuStat + " has no usage_usec");
        }
        long usage = CgroupFiles.number(dir.resolve("memory.current"));
        Long inactive = CgroupFiles.keyed(dir.resolve("memory.stat"), "inactive_file");
        Long pids = CgroupFiles.optionalNumber(dir.resolve("pids.current"));
        return new CgroupUsage(usec / 1e6, CgroupUsage.withoutCache(usage, inactive), limit(dir.resolve("memory.max")),
                pids == null ? null : Math.toIntExact(pids));
    }

    /** {@code memory.max}: a byte count, or {@code max} for none. */
    private static Long limit(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
        if (text.equals("max")) {
            return null;
        }
        try {
            return CgroupUsage.limit(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds \"" + text + "\", neither a number nor max");
        }
    }
}
