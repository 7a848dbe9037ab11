package io.isoscope.views.stats;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StatsViewModelTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    /** The fake, counting the stats calls and able to fail them. */
    private static final class Engine extends FakeContainerEngine {
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException failure;

        Engine() {
            withHyperv(true);
        }

        @Override
        public synchronized ContainerStats stats(String container) {
            calls.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return super.stats(container);
        }
    }

    private final Engine engine = new Engine();
    private final ManualExecutor background = new ManualExecutor();
    private final StatsViewModel direct = new StatsViewModel(engine, new TaskRunner(Runnable::run, Runnable::run));

    @Test
    void withoutASelectionItAsksForOne() {
        direct.activeProperty().set(true);
        direct.tick(null);
        assertThat(direct.showingProperty().get()).isFalse();
        assertThat(direct.placeholderProperty().get()).isEqualTo(StatsViewModel.SELECT_ONE);
        assertThat(engine.calls).hasValue(0);
    }

    @Test
    void twoSamplesGiveTheCpuPercentAndAChartPoint() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        engine.setStats(web.id(), sample(T0, 10.0, 4 << 20, 64L << 20, 2));
        direct.activeProperty().set(true);

        direct.select(web);

        assertThat(direct.showingProperty().get()).isTrue();
        assertThat(direct.titleProperty().get()).isEqualTo("Usage of web (Process isolation)");
        assertThat(direct.cpuProperty().get()).as("one sample is no rate yet").isEqualTo(StatsViewModel.MEASURING);
        assertThat(direct.memoryProperty().get()).isEqualTo("4.0 MiB / 64.0 MiB");
        assertThat(direct.memoryCaptionProperty().get()).isEqualTo("6.3 % of the limit · without page cache");
        assertThat(direct.memoryFractionProperty().get()).isEqualTo(0.0625);
        assertThat(direct.limitedProperty().get()).isTrue();
        assertThat(direct.pidsProperty().get()).isEqualTo("2");
        assertThat(direct.sourceProperty().get()).startsWith("Read from the cgroup v1 counters");
        assertThat(direct.vmProperty().get()).isFalse();
        assertThat(direct.guestProperty().get()).isEmpty();
        assertThat(direct.points()).isEmpty();

        engine.setStats(web.id(), sample(T0.plusSeconds(2), 11.5, 8 << 20, 64L << 20, 2));
        direct.tick(web);

        assertThat(direct.cpuProperty().get()).isEqualTo("75.0 %");
        assertThat(direct.cpuCaptionProperty().get()).contains("100 % = one CPU busy");
        assertThat(direct.memoryProperty().get()).isEqualTo("8.0 MiB / 64.0 MiB");
        assertThat(direct.points()).containsExactly(new StatsPoint(2.0, 75.0, 8.0, null, null));
    }

    @Test
    void noLimitSaysHowToSetOne() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        engine.setStats(web.id(), sample(T0, 1.0, 1 << 20, null, null));
        direct.activeProperty().set(true);
        direct.select(web);
        assertThat(direct.memoryProperty().get()).isEqualTo("1.0 MiB");
        assertThat(direct.memoryCaptionProperty().get()).startsWith("no memory limit (run with -m to set one)");
        assertThat(direct.limitedProperty().get()).isFalse();
        assertThat(direct.pidsProperty().get()).isEqualTo("–");
    }

    @Test
    void theChartKeepsTheLastMinute() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        engine.setStats(web.id(), sample(T0, 0, 1 << 20, null, 1));
        direct.activeProperty().set(true);
        direct.select(web);
        for (int s = 1; s <= 70; s++) {
            engine.setStats(web.id(), sample(T0.plusSeconds(s), s * 0.5, 1 << 20, null, 1));
            direct.tick(web);
        }
        assertThat(direct.points()).hasSize(StatsViewModel.WINDOW);
        assertThat(direct.points().get(0).seconds()).isEqualTo(11.0);
        assertThat(direct.points().get(StatsViewModel.WINDOW - 1).seconds()).isEqualTo(70.0);
        assertThat(direct.points()).allSatisfy(p -> assertThat(p.cpuPercent()).isEqualTo(50.0));
    }

    @Test
    void itSamplesOnlyWhileShownAndAtOnceWhenShown() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        direct.select(web);
        direct.tick(web);
        direct.tick(web);
        assertThat(engine.calls).as("tab hidden").hasValue(0);

        direct.activeProperty().set(true);
        assertThat(engine.calls).as("opening the tab samples at once").hasValue(1);
        direct.tick(web);
        assertThat(engine.calls).hasValue(2);

        direct.activeProperty().set(false);
        direct.tick(web);
        assertThat(engine.calls).hasValue(2);
    }

    @Test
    void oneSampleAtATimeAndOneForAnotherContainerIsDropped() {
        StatsViewModel vm = new StatsViewModel(engine, new TaskRunner(background, Runnable::run));
        ContainerInfo a = run("a", Isolation.PROCESS);
        ContainerInfo b = run("b", Isolation.PROCESS);
        engine.setStats(a.id(), sample(T0, 1.0, 111 << 20, null, 1));
        engine.setStats(b.id(), sample(T0, 1.0, 222 << 20, null, 1));
        vm.activeProperty().set(true);
        vm.select(a);
        vm.tick(a);
        vm.tick(a);
        assertThat(background.submitted()).as("ticks while one is in flight are skipped").isEqualTo(1);

        vm.select(b);
        background.runAll();

        assertThat(vm.memoryProperty().get()).isEqualTo("222.0 MiB");
        assertThat(vm.titleProperty().get()).contains("b");
        assertThat(background.submitted()).isEqualTo(2);
    }

    @Test
    void aStoppedContainerShowsWhyThereAreNoNumbers() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        direct.activeProperty().set(true);
        direct.select(web);
        assertThat(direct.showingProperty().get()).isTrue();

        engine.exit(web.id(), 0);
        direct.tick(engine.inspect(web.id()));

        assertThat(direct.showingProperty().get()).isFalse();
        assertThat(direct.placeholderProperty().get()).isEqualTo("web is not running: only a running container has CPU and memory use to show");
    }

    @Test
    void aContainerEndingBetweenListingAndSampleIsNotRunningAndOtherFailuresAreShown() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        direct.activeProperty().set(true);
        engine.failure = new EngineException(EngineException.Kind.CONFLICT, "container web is not running");
        direct.select(web);
        assertThat(direct.placeholderProperty().get()).startsWith("web is not running");

        engine.failure = new EngineException(EngineException.Kind.IO, "cannot read the cgroup counters: boom");
        direct.tick(web);
        assertThat(direct.showingProperty().get()).isFalse();
        assertThat(direct.placeholderProperty().get())
                .isEqualTo("Could not read the usage of web: cannot read the cgroup counters: boom");

        engine.failure = null;
        direct.tick(web);
        assertThat(direct.showingProperty().get()).as("it recovers on the next tick").isTrue();
    }

    @Test
    void aVmShowsItsWorkersCostAndTheGuestsLine() {
        ContainerInfo vm = run("vm", Isolation.HYPERV);
        engine.setStats(vm.id(), vmSample(T0, 2.0, new ContainerStats.GuestUsage(1.0, 1 << 20, 1)));
        direct.activeProperty().set(true);
        direct.select(vm);

        assertThat(direct.vmProperty().get()).isTrue();
        assertThat(direct.hostSeriesProperty().get()).isEqualTo("vmwp");
        assertThat(direct.memoryProperty().get()).isEqualTo("192.0 MiB / 128.0 MiB");
        assertThat(direct.memoryCaptionProperty().get())
                .isEqualTo("the VM worker's resident set · 150.0 % of the VM's RAM (QEMU's own memory included)");
        assertThat(direct.memoryFractionProperty().get()).isEqualTo(1.0);
        assertThat(direct.pidsCaptionProperty().get()).isEqualTo("the container's processes in the guest");

        engine.setStats(vm.id(), vmSample(T0.plusSeconds(1), 3.0, new ContainerStats.GuestUsage(1.5, 1 << 20, 1)));
        direct.tick(vm);

        assertThat(direct.cpuProperty().get()).isEqualTo("100.0 %");
        assertThat(direct.guestProperty().get())
                .isEqualTo("Inside the VM, as the guest counts them: 50.0 % CPU · 1.0 MiB (0.8 % of its RAM) in 1 process");
        assertThat(direct.points()).containsExactly(new StatsPoint(1.0, 100.0, 192.0, 50.0, 1.0));

        engine.setStats(vm.id(), vmSample(T0.plusSeconds(2), 4.0, null));
        direct.tick(vm);
        assertThat(direct.guestProperty().get()).isEqualTo(StatsViewModel.GUEST_SILENT);
        assertThat(direct.points().get(1).guestCpuPercent()).isNull();
    }

    private ContainerInfo run(String name, Isolation isolation) {
        return engine.run(ContainerSpec.of("busybox", isolation, "sh").withName(name));
    }

    private static ContainerStats sample(Instant t, double cpu, long memory, Long limit, Integer pids) {
        return new ContainerStats(t, cpu, memory, limit, pids, "cgroup v1", null);
    }

    private static ContainerStats vmSample(Instant t, double cpu, ContainerStats.GuestUsage guest) {
        return new ContainerStats(t, cpu, 192L << 20, 128L << 20, guest == null ? null : guest.processes(),
                guest == null ? "vmwp process" : "vmwp process + guest", guest);
    }
}
