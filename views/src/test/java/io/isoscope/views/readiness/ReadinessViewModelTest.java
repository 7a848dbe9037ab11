package io.isoscope.views.readiness;

import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Readiness panel's rows: state, runtime, the reason and the exact fix, and checking again. */
class ReadinessViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private final AtomicInteger checks = new AtomicInteger();

    /** An engine that answers readiness with whatever the test sets. */
    private static final class Answering extends FakeContainerEngine {
        volatile List<RuntimeReadiness> answer;

        @Override
        public synchronized List<RuntimeReadiness> readiness() {
            if (answer == null) {
                throw new EngineException(EngineException.Kind.IO, "cannot read /dev/kvm");
            }
            return answer;
        }
    }

    private ReadinessViewModel panel(FakeContainerEngine engine) {
        return new ReadinessViewModel(engine, new TaskRunner(Runnable::run, Runnable::run), CLOCK, checks::incrementAndGet);
    }

    @Test
    void bothIsolationsWorkingShowTheirRuntimesAndNoFix() {
        Answering engine = new Answering();
        engine.answer = List.of(
                new RuntimeReadiness(Isolation.HYPERV, true, "qemu 7.2.22, TCG (/usr/bin/qemu-system-x86_64)", null, null),
                new RuntimeReadiness(Isolation.PROCESS, true, "runc 1.1.5+ds1 (/usr/sbin/runc)", null, null));
        ReadinessViewModel panel = panel(engine);

        panel.check();

        assertThat(panel.rows()).extracting(ReadinessRow::isolation)
                .as("process first, whatever the engine's order").containsExactly("Process isolation", "Hyper-V isolation");
        ReadinessRow process = panel.rows().get(0);
        assertThat(process.available()).isTrue();
        assertThat(process.status()).isEqualTo("Works here");
        assertThat(process.runtime()).isEqualTo("runc 1.1.5+ds1 (/usr/sbin/runc)");
        assertThat(process.reason()).isNull();
        assertThat(process.fixStep()).isNull();
        assertThat(process.fixCommand()).isNull();
        assertThat(panel.rows().get(1).note()).as("why VMs are slow here").isEqualTo(ReadinessViewModel.TCG_NOTE);
        assertThat(panel.summaryProperty().get()).isEqualTo("Both isolations work here");
        assertThat(panel.allAvailableProperty().get()).isTrue();
        assertThat(panel.statusProperty().get()).isEqualTo("Checked at 05:06:07");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aMissingPieceComesWithItsReasonAndTheExactCommand() {
        Answering engine = new Answering();
        engine.answer = List.of(
                new RuntimeReadiness(Isolation.PROCESS, false, null, "runc is not installed (not found in PATH or /usr/sbin)",
                        "apt-get install -y runc"),
                new RuntimeReadiness(Isolation.HYPERV, false, "qemu 7.2.22, KVM (/usr/bin/qemu-system-x86_64)",
                        "the guest kernel /var/cache/isoscope/guest/vmlinuz is missing", "installer/fetch-guest-kernel.sh"));
        ReadinessViewModel panel = panel(engine);

        panel.check();

        ReadinessRow process = panel.rows().get(0);
        assertThat(process.available()).isFalse();
        assertThat(process.status()).isEqualTo("Not available");
        assertThat(process.runtime()).isEqualTo("—");
        assertThat(process.reason()).isEqualTo("Runc is not installed (not found in PATH or /usr/sbin).");
        assertThat(process.fixCommand()).isEqualTo("apt-get install -y runc");
        assertThat(process.fixStep()).isNull();
        ReadinessRow vm = panel.rows().get(1);
        assertThat(vm.fixCommand()).endsWith("installer/fetch-guest-kernel.sh");
        assertThat(vm.note()).isEqualTo(ReadinessViewModel.KVM_NOTE);
        assertThat(panel.summaryProperty().get()).isEqualTo("No isolation works here yet");
        assertThat(panel.allAvailableProperty().get()).isFalse();
    }

    @Test
    void aFixInWordsWithACommandIsSplitAndAConfiguredPathSaysWhereItComesFrom() {
        Answering engine = new Answering();
        engine.answer = List.of(
                new RuntimeReadiness(Isolation.PROCESS, false, null, "the configured runc (/nonexistent/runc) does not exist",
                        "point ISOSCOPE_RUNC at an installed runc, or unset it"),
                new RuntimeReadiness(Isolation.HYPERV, false, "qemu 7.2.22, TCG (/usr/bin/qemu-system-x86_64)",
                        "VM isolation is only supported as root so far (it is tested that way)",
                        "run Isoscope as root: sudo ./isoscope"));
        ReadinessViewModel panel = panel(engine);

        panel.check();

        ReadinessRow process = panel.rows().get(0);
        assertThat(process.reason()).startsWith("The configured runc (/nonexistent/runc) does not exist.")
                .endsWith("The path comes from ISOSCOPE_RUNC or from Settings → Paths.");
        assertThat(process.fixStep()).isEqualTo("Point ISOSCOPE_RUNC at an installed runc, or unset it.");
        assertThat(process.fixCommand()).isNull();
        ReadinessRow vm = panel.rows().get(1);
        assertThat(vm.fixStep()).isEqualTo("Run Isoscope as root.");
        assertThat(vm.fixCommand()).startsWith("sudo ").endsWith("/isoscope");
        assertThat(panel.summaryProperty().get()).isEqualTo("No isolation works here yet");
    }

    @Test
    void checkAgainSeesTheFixAndDoesNotDoubleARunningCheck() {
        Answering engine = new Answering();
        engine.answer = List.of(new RuntimeReadiness(Isolation.PROCESS, true, "runc 1.1.5", null, null),
                new RuntimeReadiness(Isolation.HYPERV, false, null, "QEMU is not installed (no qemu-system-x86_64)",
                        "apt-get install -y qemu-system-x86"));
        Deque<Runnable> background = new ArrayDeque<>();
        ReadinessViewModel panel = new ReadinessViewModel(engine, new TaskRunner(background::add, Runnable::run), CLOCK,
                checks::incrementAndGet);

        panel.check();
        panel.check();
        assertThat(background).as("one check at a time").hasSize(1);
        assertThat(panel.checkingProperty().get()).isTrue();
        assertThat(panel.statusProperty().get()).isEqualTo(ReadinessViewModel.CHECKING);
        background.poll().run();
        assertThat(panel.summaryProperty().get()).isEqualTo("1 of 2 isolations work here");
        assertThat(panel.checkingProperty().get()).isFalse();

        engine.answer = List.of(new RuntimeReadiness(Isolation.PROCESS, true, "runc 1.1.5", null, null),
                new RuntimeReadiness(Isolation.HYPERV, true, "qemu 7.2.22, TCG (/usr/bin/qemu-system-x86_64)", null, null));
        panel.check();
        background.poll().run();

        assertThat(panel.summaryProperty().get()).isEqualTo("Both isolations work here");
        assertThat(panel.rows().get(1).available()).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void anEngineThatCannotAnswerIsSaidAndTheNextCheckCanRun() {
        Answering engine = new Answering();
        ReadinessViewModel panel = panel(engine);

        panel.check();

        assertThat(panel.statusProperty().get()).isEqualTo("Could not ask the engine: cannot read /dev/kvm");
        assertThat(panel.checkingProperty().get()).isFalse();
        assertThat(panel.rows()).isEmpty();
    }
}
