package io.isoscope.engine.stats;

import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding a process's cgroup and reading it, over a fake /proc and fake cgroup mounts of both versions. */
class CgroupStatsReaderTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final long PID = 4242;

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void onAUnifiedHostTheV2CgroupOfTheProcessIsRead() throws IOException {
        Path cgroup = tmp.resolve("cgroup");
        proc("0::/isoscope/abc\n", "30 24 0:26 / " + cgroup + " rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        Path dir = Files.createDirectories(cgroup.resolve("isoscope/abc"));
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 3000000\nuser_usec 2000000\n");
        Files.writeString(dir.resolve("memory.current"), "5242880\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 1048576\ninactive_file 1048576\n");
        Files.writeString(dir.resolve("memory.max"), "max\n");
        Files.writeString(dir.resolve("pids.current"), "4\n");

        ContainerStats s = reader().read(PID, Optional::empty);

        assertThat(s).isEqualTo(new ContainerStats(NOW, 3.0, 4 << 20, null, 4, "cgroup v2", null));
    }

    @Test
    void inHybridModeTheV1HierarchiesHoldTheCounters() throws IOException {
        Path fs = tmp.resolve("cgroup");
        proc("8:pids:/isoscope/abc\n4:memory:/isoscope/abc\n2:cpuacct:/isoscope/abc\n0::/\n",
                "35 31 0:32 / " + fs.resolve("memory") + " rw - cgroup cgroup rw,memory\n"
                        + "33 31 0:30 / " + fs.resolve("cpuacct") + " rw - cgroup cgroup rw,cpuacct\n"
                        + "39 31 0:36 / " + fs.resolve("pids") + " rw - cgroup cgroup rw,pids\n"
                        + "41 31 0:38 / " + fs.resolve("unified") + " rw - cgroup2 cgroup2 rw\n");
        Path mem = Files.createDirectories(fs.resolve("memory/isoscope/abc"));
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "3145728\n");
        Files.writeString(mem.resolve("memory.stat"), "total_inactive_file 1048576\n");
        Files.writeString(mem.resolve("memory.limit_in_bytes"), "33554432\n");
        Files.writeString(Files.createDirectories(fs.resolve("cpuacct/isoscope/abc")).resolve("cpuacct.usage"), "500000000\n");
        Files.writeString(Files.createDirectories(fs.resolve("pids/isoscope/abc")).resolve("pids.current"), "1\n");

        ContainerStats s = reader().read(PID, Optional::empty);

        assertThat(s).isEqualTo(new ContainerStats(NOW, 0.5, 2 << 20, 32L << 20, 1, "cgroup v1", null));
        assertThat(s.memoryPercent()).hasValue(6.25);
    }

    @Test
    void aProcessThatEndedMeansTheContainerIsNotRunning() throws IOException {
        Files.createDirectories(tmp.resolve("proc/self"));
        Files.writeString(tmp.resolve("proc/self/mountinfo"), "");
        assertThatThrownBy(() -> reader().read(PID, Optional::empty)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT))
                .hasMessageContaining("not running");
    }

    @Test
    void aCgroupGoneBetweenFindingAndReadingItToo() throws IOException {
        proc("0::/isoscope/gone\n", "30 24 0:26 / " + tmp.resolve("cgroup") + " rw - cgroup2 cgroup2 rw\n");
        assertThatThrownBy(() -> reader().read(PID, Optional::empty)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
    }

    @Test
    void noMountedHierarchyIsAnErrorThatSaysWhereItLooked() throws IOException {
        proc("0::/isoscope/abc\n", "");
        assertThatThrownBy(() -> reader().read(PID, Optional::empty)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO))
                .hasMessageContaining("/proc/self/mountinfo");
    }

    private CgroupStatsReader reader() {
        return new CgroupStatsReader(tmp.resolve("proc"), clock);
    }

    private void proc(String cgroup, String mountinfo) throws IOException {
        Files.writeString(Files.createDirectories(tmp.resolve("proc/" + PID)).resolve("cgroup"), cgroup);
        Files.writeString(Files.createDirectories(tmp.resolve("proc/self")).resolve("mountinfo"), mountinfo);
    }
}
