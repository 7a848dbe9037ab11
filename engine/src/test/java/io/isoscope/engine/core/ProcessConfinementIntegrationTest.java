package io.isoscope.engine.core;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Cgroups;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker's default confinement of a process-isolated container, as the container itself sees it, on the real runc. */
@Tag("fault-injection")
class ProcessConfinementIntegrationTest {

    /** Docker's 14 default capabilities as /proc/PID/status prints a set. */
    private static final String DOCKER_CAPS_MASK = "00000000a80425fb";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Docker's masked and read-only paths (moby oci/defaults.go; powercap since Docker 25). */
    private static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    @AfterEach
    void removeAll(ContainerEngine engine) {
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void dockersSeccompProfileFiltersTheWorkloadAndRefusesWhatDockerRefuses(ContainerEngine engine) {
        // unshare -U needs no capability, so only the seccomp filter stops it (without one, it succeeds).
        String log = runToEnd(engine, "grep -E '^(Seccomp|NoNewPrivs|CapBnd|CapEff):' /proc/self/status;"
                + " unshare -U true; echo unshare=$?");

        assertThat(Cgroups.statusField(log, "Seccomp")).as(log).contains("2");
        assertThat(Cgroups.statusField(log, "NoNewPrivs")).contains("1");
        assertThat(Cgroups.statusField(log, "CapBnd")).contains(DOCKER_CAPS_MASK);
        assertThat(Cgroups.statusField(log, "CapEff")).contains(DOCKER_CAPS_MASK);
        assertThat(log).contains("Operation not permitted").contains("unshare=1");
    }

    @Test
    void procAndSysPathsAreMaskedOrReadOnly(ContainerEngine engine) {
        // Each path this kernel has: a masked file reads empty, a masked directory lists empty (the host's
        // /proc/timer_list, /proc/keys and /sys/firmware are not), a read-only path is mounted ro.
        String log = runToEnd(engine, "for p in " + String.join(" ", MASKED) + "; do"
                + " if [ -d $p ]; then echo \"masked $p $(ls -A $p | wc -l)\";"
                + " elif [ -e $p ]; then echo \"masked $p $(wc -c < $p)\"; fi; done;"
                + " for p in " + String.join(" ", READ_ONLY) + "; do"
                + " [ -e $p ] && echo \"ro $p $(grep \" $p \" /proc/self/mountinfo | grep -c ' ro,')\"; done;"
                + " echo x > /proc/sys/kernel/domainname; echo sysctl=$?");

        List<String> masked = log.lines().filter(l -> l.startsWith("masked ")).toList();
        assertThat(masked).as(log).isNotEmpty().allMatch(l -> l.endsWith(" 0"));
        assertThat(masked).anyMatch(l -> l.startsWith("masked /proc/")).anyMatch(l -> l.startsWith("masked /sys/"));
        List<String> readOnly = log.lines().filter(l -> l.startsWith("ro ")).toList();
        assertThat(readOnly).as(log).hasSizeGreaterThanOrEqualTo(4).allMatch(l -> !l.endsWith(" 0"));
        assertThat(log).contains("sysctl=1").contains("Read-only file system");
    }

    @Test
    void aContainerGetsTheDefaultPidsLimitInItsCgroup(ContainerEngine engine) {
        String file = Cgroups.insideContainer("pids", "pids.max", "pids.max");
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "cat " + file + "; sleep 60"));

        assertThat(Cgroups.read(c.hostPid(), "pids", "pids.max", "pids.max"))
                .isEqualTo(Integer.toString(ContainerSpec.DEFAULT_PIDS_LIMIT));
        io.isoscope.engine.testing.Poll.until("the container's own view of its limit", WAIT,
                () -> engine.logs(c.id()).contains(Integer.toString(ContainerSpec.DEFAULT_PIDS_LIMIT)));
    }

    @Test
    void theMemoryAndCpuLimitsAreTheContainersCgroupLimitsSeenFromTheHost(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "60").withLimits(48, 1));

        assertThat(Cgroups.read(c.hostPid(), "memory", "memory.limit_in_bytes", "memory.max"))
                .isEqualTo(Long.toString(48L << 20));
        assertThat(Cgroups.read(c.hostPid(), "cpu", "cpu.cfs_quota_us", "cpu.max")).startsWith("100000");
    }

    private static String runToEnd(ContainerEngine engine, String script) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", script));
        assertThat(engine.awaitExit(c.id(), WAIT).isRunning()).isFalse();
        return engine.logs(c.id());
    }
}
