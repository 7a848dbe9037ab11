package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code stats} against real containers: runc's cgroup counters, and a QEMU VM's worker plus its guest. */
class StatsIntegrationTest {

    /** Fills 16 MiB of the container's /dev/shm (tmpfs: charged to its memory cgroup), then keeps a CPU busy. */
    private static final String FILL_AND_SPIN =
            "dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=16 2>/dev/null; while :; do :; done";

    @RegisterExtension
    static final SharedTestEngine ENGINE = new SharedTestEngine();

    @AfterEach
    void removeAll(ContainerEngine engine) {
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void aBusyProcessContainerShowsCpuItsMemoryAndItsLimit(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", FILL_AND_SPIN)
                .withLimits(64, 0));
        ContainerStats first = Poll.untilPresent("the 16 MiB in the container's memory", Duration.ofSeconds(20),
                () -> Optional.of(engine.stats(c.id())).filter(s -> s.memoryBytes() >= 16 << 20));
        ContainerStats later = secondSample(engine, c, first);

        assertThat(later.source()).isIn("cgroup v1", "cgroup v2");
        assertThat(later.cpuSeconds()).isGreaterThan(first.cpuSeconds());
        assertThat(later.cpuPercentSince(first)).as("a busy loop: most of a CPU (others share the machine)")
                .isBetween(10.0, 110.0);
        assertThat(later.memoryBytes()).isBetween(16L << 20, 64L << 20);
        assertThat(later.memoryLimitBytes()).isEqualTo(64L << 20);
        assertThat(later.memoryPercent().orElseThrow()).isBetween(25.0, 100.0);
        assertThat(later.pids()).as("sh (dd has ended)").isEqualTo(1);
        assertThat(later.guest()).isNull();
    }

    @Test
    void withoutMemoryLimitThereIsNoLimitAndAStoppedContainerHasNoStats(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600"));
        ContainerStats s = engine.stats(c.name());
        assertThat(s.memoryLimitBytes()).isNull();
        assertThat(s.memoryPercent()).isEmpty();
        assertThat(s.memoryBytes()).isPositive();

        engine.kill(c.id());
        assertThatThrownBy(() -> engine.stats(c.id())).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT))
                .hasMessage("container " + c.name() + " is not running");
    }

    @Test
    void aVmContainerShowsItsWorkersCostAndTheGuestsNumbers(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c", "while :; do :; done")
                .withLimits(160, 0));
        ContainerStats first = Poll.untilPresent("the guest's numbers", Duration.ofSeconds(30),
                () -> Optional.of(engine.stats(c.id())).filter(s -> s.guest() != null));
        ContainerStats later = Poll.untilPresent("a second sample with the guest's numbers", Duration.ofSeconds(30),
                () -> Optional.of(secondSample(engine, c, first)).filter(s -> s.guest() != null));

        assertThat(later.source()).isEqualTo("vmwp process + guest");
        assertThat(later.memoryBytes()).as("vmwp's resident set").isGreaterThan(16L << 20);
        assertThat(later.memoryLimitBytes()).as("the VM's RAM").isEqualTo(160L << 20);
        assertThat(later.cpuPercentSince(first)).as("the VM worker runs the guest's busy loop").isPositive();
        assertThat(later.guest().processes()).isEqualTo(1);
        assertThat(later.pids()).isEqualTo(1);
        assertThat(later.guest().memoryBytes()).isPositive();
        assertThat(later.guest().cpuSeconds()).isGreaterThan(first.guest().cpuSeconds());
        assertThat(later.guestCpuPercentSince(first).orElseThrow()).isPositive();
        assertThat(later.guestMemoryPercent().orElseThrow()).isBetween(0.0, 100.0);
    }

    /** A sample at least a second after {@code first}, so the CPU percentage is over a measurable time. */
    private static ContainerStats secondSample(ContainerEngine engine, ContainerInfo c, ContainerStats first) {
        return Poll.untilPresent("a second sample", Duration.ofSeconds(10), () -> Optional.of(engine.stats(c.id()))
                .filter(s -> Duration.between(first.time(), s.time()).compareTo(Duration.ofSeconds(1)) >= 0));
    }
}
