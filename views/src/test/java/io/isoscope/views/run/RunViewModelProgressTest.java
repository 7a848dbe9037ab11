package io.isoscope.views.run;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Run form while a run takes time (create, then a start that may boot a VM), and the settings' defaults. */
class RunViewModelProgressTest {

    private final List<ContainerInfo> started = new ArrayList<>();
    private final Notices notices = new Notices();
    private final Deque<Runnable> background = new ArrayDeque<>();

    private RunViewModel form(FakeContainerEngine engine) {
        return new RunViewModel(engine, new TaskRunner(background::add, Runnable::run), notices, started::add);
    }

    private void runNext() {
        background.poll().run();
    }

    @Test
    void aRunSaysWhatItDoesAndNamesTheContainerItIsStarting() {
        FakeContainerEngine engine = new FakeContainerEngine().withHyperv(true);
        RunViewModel form = form(engine);
        form.loadReadiness();
        runNext();
        form.hypervProperty().set(true);
        form.commandProperty().set("ping 127.0.0.1");
        form.nameProperty().set("vm");

        assertThat(form.run()).isTrue();
        assertThat(form.busyProperty().get()).isTrue();
        assertThat(form.progressProperty().get()).startsWith("Creating the container");
        assertThat(form.startingIdProperty().get()).isNull();

        runNext(); // create
        ContainerInfo created = engine.inspect("vm");
        assertThat(form.startingIdProperty().get()).isEqualTo(created.id());
        assertThat(form.progressProperty().get()).isEqualTo("Starting vm: booting its VM…");
        assertThat(form.busyProperty().get()).isTrue();

        runNext(); // start
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.progressProperty().get()).isNull();
        assertThat(form.startingIdProperty().get()).isNull();
        assertThat(started).extracting(ContainerInfo::id).containsExactly(created.id());
        assertThat(engine.calls()).isEqualTo("create busybox;start vm;");
    }

    @Test
    void aFailedStartEndsTheProgressAndRemovesWhatCreateMade() {
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public ContainerInfo start(String container) {
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "qemu exited: out of memory");
            }
        };
        RunViewModel form = form(engine);
        form.commandProperty().set("ping 127.0.0.1");
        form.run();
        runNext();
        assertThat(form.startingIdProperty().get()).isNotNull();

        runNext();

        assertThat(form.startingIdProperty().get()).isNull();
        assertThat(form.progressProperty().get()).isNull();
        assertThat(form.errorProperty().get()).isEqualTo("qemu exited: out of memory");
        assertThat(engine.list(true)).isEmpty();
        assertThat(notices.messageProperty().get()).isEqualTo("Could not run busybox: qemu exited: out of memory");
    }

    @Test
    void theDefaultIsolationIsChosenOnceHypervIsKnownToRun() {
        RunViewModel form = form(new FakeContainerEngine().withHyperv(true));

        form.applyDefaults(Isolation.HYPERV, 256, 2);
        assertThat(form.hypervProperty().get()).as("not before readiness says it can run").isFalse();
        form.loadReadiness();
        runNext();

        assertThat(form.hypervProperty().get()).isTrue();
        assertThat(form.memoryProperty().get()).isEqualTo("256m");
        assertThat(form.cpusProperty().get()).isEqualTo("2");
        assertThat(form.dockerCommandLineProperty().get()).contains("--isolation=hyperv", "--memory=256m", "--cpus=2");

        form.hypervProperty().set(false);
        form.loadReadiness();
        runNext();
        assertThat(form.hypervProperty().get()).as("a later check leaves the user's choice").isFalse();
        assertThat(form.memoryProperty().get()).as("the form takes back its own suggestion").isEmpty();
        assertThat(form.cpusProperty().get()).isEmpty();
    }

    @Test
    void whereHypervCannotRunTheDefaultFallsBackToProcess() {
        RunViewModel form = form(new FakeContainerEngine().withHyperv(false));
        form.applyDefaults(Isolation.HYPERV, 256, 2);
        form.loadReadiness();
        runNext();

        assertThat(form.hypervProperty().get()).isFalse();
        assertThat(form.memoryProperty().get()).isEmpty();
    }

    @Test
    void typedLimitsAreNeverReplacedBySuggestions() {
        RunViewModel form = form(new FakeContainerEngine().withHyperv(true));
        form.loadReadiness();
        runNext();
        form.applyDefaults(Isolation.PROCESS, 256, 2);
        form.memoryProperty().set("512m");

        form.hypervProperty().set(true);
        assertThat(form.memoryProperty().get()).isEqualTo("512m");
        assertThat(form.cpusProperty().get()).as("an empty field takes the suggestion").isEqualTo("2");

        form.applyDefaults(Isolation.PROCESS, 1024, 4);
        assertThat(form.hypervProperty().get()).as("new defaults choose their isolation").isFalse();
        assertThat(form.memoryProperty().get()).isEqualTo("512m");
        assertThat(form.cpusProperty().get()).isEmpty();

        form.hypervProperty().set(true);
        assertThat(form.cpusProperty().get()).isEqualTo("4");
    }
}
