package io.isoscope.engine.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContainerStatsTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void cpuPercentIsCpuSecondsPerWallSecondWith100ForOneBusyCpu() {
        ContainerStats a = sample(T0, 10.0);
        assertThat(sample(T0.plusSeconds(2), 11.0).cpuPercentSince(a)).isCloseTo(50.0, within(1e-9));
        assertThat(sample(T0.plusSeconds(1), 11.0).cpuPercentSince(a)).isCloseTo(100.0, within(1e-9));
        assertThat(sample(T0.plusMillis(500), 11.0).cpuPercentSince(a)).as("two busy CPUs")
                .isCloseTo(200.0, within(1e-9));
        assertThat(sample(T0.plusSeconds(1), 10.0).cpuPercentSince(a)).isZero();
    }

    @Test
    void noTimeBetweenSamplesOrAShrinkingCounterIsZeroNotNonsense() {
        ContainerStats a = sample(T0, 10.0);
        assertThat(sample(T0, 12.0).cpuPercentSince(a)).isZero();
        assertThat(sample(T0.minusSeconds(1), 12.0).cpuPercentSince(a)).isZero();
        assertThat(sample(T0.plusSeconds(1), 9.0).cpuPercentSince(a)).isZero();
    }

    @Test
    void guestCpuPercentNeedsGuestNumbersInBothSamples() {
        ContainerStats a = vm(T0, new ContainerStats.GuestUsage(1.0, 1 << 20, 1));
        ContainerStats b = vm(T0.plusSeconds(4), new ContainerStats.GuestUsage(2.0, 1 << 20, 1));
        assertThat(b.guestCpuPercentSince(a)).hasValue(25.0);
        assertThat(vm(T0.plusSeconds(4), null).guestCpuPercentSince(a)).isEmpty();
        assertThat(b.guestCpuPercentSince(vm(T0, null))).isEmpty();
        // A guest process that ended takes its CPU time out of the sum.
        assertThat(vm(T0.plusSeconds(1), new ContainerStats.GuestUsage(0.5, 0, 1)).guestCpuPercentSince(a)).hasValue(0);
    }

    @Test
    void memoryPercentIsAgainstTheLimitAndEmptyWithoutOne() {
        assertThat(new ContainerStats(T0, 0, 32 << 20, 128L << 20, 1, "cgroup v1", null).memoryPercent()).hasValue(25.0);
        assertThat(new ContainerStats(T0, 0, 32 << 20, null, 1, "cgroup v1", null).memoryPercent()).isEmpty();
        ContainerStats vm = vm(T0, new ContainerStats.GuestUsage(0, 64 << 20, 2));
        assertThat(vm.memoryPercent()).as("the worker holds QEMU's memory too").hasValue(150.0);
        assertThat(vm.guestMemoryPercent()).hasValue(50.0);
    }

    private static ContainerStats sample(Instant t, double cpu) {
        return new ContainerStats(t, cpu, 1 << 20, null, 1, "cgroup v1", null);
    }

    private static ContainerStats vm(Instant t, ContainerStats.GuestUsage guest) {
        return new ContainerStats(t, 5.0, 192L << 20, 128L << 20, guest == null ? null : guest.processes(),
                "vmwp process + guest", guest);
    }
}
