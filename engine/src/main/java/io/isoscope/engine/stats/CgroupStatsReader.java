package io.isoscope.engine.stats;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Process isolation's usage: the counters of the cgroup the container's workload is in, found from
 * {@code /proc/PID/cgroup} and the cgroup mounts in {@code /proc/self/mountinfo}. Reads cgroups v1 where the
 * memory controller is mounted as v1 (also in "hybrid" mode, whose v2 hierarchy holds no controllers), else v2.
 * Thread-safe, stateless between calls (mounts are read each time: they are few, and may change).
 */
public final class CgroupStatsReader implements StatsReader {

    private final Path procRoot;
    private final Clock clock;

    /** A reader of the cgroups as {@code procRoot} (normally {@code /proc}) shows them; {@code clock} stamps samples. */
    public CgroupStatsReader(Path procRoot, Clock clock) {
        this.procRoot = procRoot;
        this.clock = clock;
    }

    @Override
    public ContainerStats read(long hostPid, Supplier<Optional<List<ContainerProcess>>> guestProcesses) {
        ProcCgroup cgroup;
        CgroupMounts mounts;
        try {
            cgroup = ProcCgroup.parse(Files.readString(procRoot.resolve(Long.toString(hostPid)).resolve("cgroup")));
            mounts = CgroupMounts.parse(Files.readString(procRoot.resolve("self").resolve("mountinfo")));
        } catch (NoSuchFileException e) {
            throw new EngineException(EngineException.Kind.CONFLICT, "the container's process (host PID " + hostPid
                    + ") has ended: the container is not running", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot find the cgroup of host PID " + hostPid + ": "
                    + e.getMessage(), e);
        }
        try {
            if (mounts.hasV1("memory")) {
                Instant time = clock.instant();
                CgroupUsage u = CgroupV1Counters.read(v1Dir(mounts, cgroup, "cpuacct", hostPid),
                        v1Dir(mounts, cgroup, "memory", hostPid),
                        mounts.hasV1("pids") ? v1Dir(mounts, cgroup, "pids", hostPid) : null);
                return stats(time, u, "cgroup v1");
            }
            Path dir = cgroup.v2Path() == null ? null : mounts.v2Dir(cgroup.v2Path()).orElse(null);
            if (dir == null) {
                throw new EngineException(EngineException.Kind.IO, "host PID " + hostPid
                        + " is in no cgroup this host has mounted (no memory hierarchy in /proc/self/mountinfo)");
            }
            Instant time = clock.instant();
            return stats(time, CgroupV2Counters.read(dir), "cgroup v2");
        } catch (NoSuchFileException e) {
            // The cgroup went with the container between finding it and reading it.
            throw new EngineException(EngineException.Kind.CONFLICT, "the container's cgroup is gone (" + e.getFile()
                    + "): the container is not running", e);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read the cgroup counters of host PID " + hostPid
                    + ": " + e.getMessage(), e);
        }
    }

    private static Path v1Dir(CgroupMounts mounts, ProcCgroup cgroup, String controller, long hostPid) {
        return cgroup.v1Path(controller).flatMap(p -> mounts.v1Dir(controller, p)).orElseThrow(() ->
                new EngineException(EngineException.Kind.IO, "host PID " + hostPid + " is in no " + controller
                        + " cgroup this host has mounted (see /proc/" + hostPid + "/cgroup)"));
    }

    private static ContainerStats stats(Instant time, CgroupUsage u, String source) {
        return new ContainerStats(time, u.cpuSeconds(), u.memoryBytes(), u.memoryLimitBytes(), u.pids(), source, null);
    }
}
