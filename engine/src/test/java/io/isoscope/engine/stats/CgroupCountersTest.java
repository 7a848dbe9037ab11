package io.isoscope.engine.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both versions' counter files, as fake directories laid out as the kernel writes them. */
class CgroupCountersTest {

    @TempDir
    Path dir;

    @Test
    void v1CountsCpuNanosAndMemoryWithoutInactiveCache() throws IOException {
        Path cpu = write(dir.resolve("cpuacct"), "cpuacct.usage", "2500000000\n");
        Path mem = write(dir.resolve("memory"), "memory.usage_in_bytes", "10485760\n");
        write(mem, "memory.limit_in_bytes", "67108864\n");
        write(mem, "memory.stat", "cache 4194304\nrss 1048576\ninactive_file 1\ntotal_cache 4194304\n"
                + "total_inactive_file 2097152\n");
        Path pids = write(dir.resolve("pids"), "pids.current", "3\n");

        CgroupUsage u = CgroupV1Counters.read(cpu, mem, pids);

        assertThat(u.cpuSeconds()).isEqualTo(2.5);
        assertThat(u.memoryBytes()).as("usage minus total_inactive_file, not inactive_file").isEqualTo(8 << 20);
        assertThat(u.memoryLimitBytes()).isEqualTo(64L << 20);
        assertThat(u.pids()).isEqualTo(3);
    }

    @Test
    void v1UnlimitedIsNoLimitAndAMissingPidsControllerIsUnknown() throws IOException {
        Path cpu = write(dir.resolve("cpuacct"), "cpuacct.usage", "0\n");
        Path mem = write(dir.resolve("memory"), "memory.usage_in_bytes", "4096\n");
        write(mem, "memory.limit_in_bytes", "9223372036854771712\n");
        write(mem, "memory.stat", "total_inactive_file 8192\n");

        CgroupUsage u = CgroupV1Counters.read(cpu, mem, null);

        assertThat(u.memoryLimitBytes()).isNull();
        assertThat(u.memoryBytes()).as("cache larger than usage: usage as is").isEqualTo(4096);
        assertThat(u.pids()).isNull();
    }

    @Test
    void v2ReadsUsageUsecCurrentMinusInactiveFileMaxAndPids() throws IOException {
        write(dir, "cpu.stat", "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n");
        write(dir, "memory.current", "20971520\n");
        write(dir, "memory.stat", "anon 8388608\nfile 12582912\nactive_file 4194304\ninactive_file 8388608\n");
        write(dir, "memory.max", "104857600\n");
        write(dir, "pids.current", "2\n");

        CgroupUsage u = CgroupV2Counters.read(dir);

        assertThat(u.cpuSeconds()).isEqualTo(1.234567);
        assertThat(u.memoryBytes()).isEqualTo(12 << 20);
        assertThat(u.memoryLimitBytes()).isEqualTo(100L << 20);
        assertThat(u.pids()).isEqualTo(2);
    }

    @Test
    void v2MaxIsNoLimit() throws IOException {
        write(dir, "cpu.stat", "usage_usec 0\n");
        write(dir, "memory.current", "0\n");
        write(dir, "memory.max", "max\n");

        CgroupUsage u = CgroupV2Counters.read(dir);

        assertThat(u.memoryLimitBytes()).isNull();
        assertThat(u.pids()).as("no pids controller enabled").isNull();
    }

    @Test
    void aBrokenCounterSaysWhichFileHoldsWhat() throws IOException {
        write(dir, "cpu.stat", "usage_usec lots\n");
        write(dir, "memory.current", "0\n");
        assertThatThrownBy(() -> CgroupV2Counters.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("cpu.stat").hasMessageContaining("lots");
        write(dir, "cpu.stat", "user_usec 5\n");
        assertThatThrownBy(() -> CgroupV2Counters.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("usage_usec");
    }

    private static Path write(Path d, String name, String text) throws IOException {
        Files.createDirectories(d);
        Files.writeString(d.resolve(name), text);
        return d;
    }
}
