package io.isoscope.engine.stats;

import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.proc.ProcReader;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The stats reader of each isolation on this host. Stateless, thread-safe. */
public final class StatsReaders {

    private StatsReaders() {
    }

    /** Cgroup counters (from {@code /proc}) for process isolation, the VM worker through {@code proc} for VMs. */
    public static Map<Isolation, StatsReader> onThisHost(ProcReader proc, Clock clock) {
        Map<Isolation, StatsReader> readers = new EnumMap<>(Isolation.class);
        readers.put(Isolation.PROCESS, new CgroupStatsReader(Path.of("/proc"), clock));
        readers.put(Isolation.HYPERV, new VmStatsReader(proc, clock));
        return Map.copyOf(readers);
    }
}
