package io.isoscope.views.main;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.processes.ContainerProcessRow;
import io.isoscope.views.processes.HostProcessRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {

    private final FakeContainerEngine engine = new FakeContainerEngine();
    private MainViewModel window;

    private MainViewModel open(Executor background) {
        window = new MainViewModel(engine, background, Runnable::run, Clock.systemUTC());
        window.start();
        return window;
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private ContainerInfo run(String name, String... command) {
        return engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, command).withName(name));
    }

    @Test
    void startShowsTheContainersReadinessAndHostProcesses() {
        run("web", "ping", "127.0.0.1");

        MainViewModel w = open(Runnable::run);

        assertThat(w.containers().rows()).extracting(r -> r.nameProperty().get()).containsExactly("web");
        assertThat(w.readinessSummaryProperty().get()).contains("Process: runc (fake)");
        assertThat(w.processes().hostRows()).extracting(r -> r.nameProperty().get()).contains("init", "sshd", "ping");
    }

    @Test
    void engineEventsUpdateTheContainerListWithoutATick() {
        MainViewModel w = open(Runnable::run);
        assertThat(w.containers().rows()).isEmpty();

        ContainerInfo web = run("web", "ping", "127.0.0.1");
        assertThat(w.containers().rows()).extracting(ContainerRow::id).containsExactly(web.id());

        engine.exit("web", 1);
        assertThat(w.containers().rows().get(0).stateProperty().get()).isEqualTo("exited (1)");

        engine.remove("web", false);
        assertThat(w.containers().rows()).isEmpty();
    }

    @Test
    void runningFromTheFormSelectsTheNewContainerAndShowsItsProcessOnBothSides() {
        MainViewModel w = open(Runnable::run);
        w.run().imageProperty().set("busybox");
        w.run().commandProperty().set("ping 127.0.0.1");

        w.run().run();

        ContainerInfo started = engine.list(true).get(0);
        assertThat(w.containers().selectedId()).contains(started.id());
        ContainerProcessRow inside = w.processes().containerRows().get(0);
        HostProcessRow host = w.processes().hostRows().get(0);
        assertThat(inside.nameProperty().get()).isEqualTo("ping");
        assertThat(host.nameProperty().get()).isEqualTo("ping");
        assertThat(inside.mappedProperty().get()).isTrue();
        assertThat(host.mappedProperty().get()).isTrue();
        assertThat(inside.hostPidProperty().get()).isEqualTo(host.pid()).isEqualTo(started.hostPid());
        assertThat(w.processes().mappingProperty().get()).isEqualTo("container PID 1 = host PID " + host.pid());
    }

    @Test
    void aRefreshKeepsTheRowObjectsOfUnchangedProcesses() {
        run("web", "ping", "127.0.0.1");
        MainViewModel w = open(Runnable::run);
        ContainerRow container = w.containers().rows().get(0);
        ContainerProcessRow inside = w.processes().containerRows().get(0);
        HostProcessRow sshd = w.processes().hostRows().stream()
                .filter(r -> r.nameProperty().get().equals("sshd")).findFirst().orElseThrow();

        w.refresh();
        w.tick();

        assertThat(w.containers().rows()).containsExactly(container);
        assertThat(w.processes().containerRows()).containsExactly(inside);
        assertThat(w.processes().hostRows()).contains(sshd);
    }

    @Test
    void aTickIsSkippedWhileTheLastRefreshRuns() {
        ManualExecutor background = new ManualExecutor();
        MainViewModel w = open(background);
        int afterStart = background.submitted();

        w.tick();
        w.tick();
        assertThat(background.submitted()).as("ticks while sampling add no work").isEqualTo(afterStart);

        background.runAll();
        w.tick();
        assertThat(background.submitted()).isEqualTo(afterStart + 1);
        background.runAll();
    }

    @Test
    void refreshesAskedForWhileSamplingCollapseIntoOneMore() {
        ManualExecutor background = new ManualExecutor();
        MainViewModel w = open(background);
        background.runAll();
        int before = background.submitted();

        w.refresh();
        run("a", "top");
        run("b", "top");
        w.refresh();
        assertThat(background.submitted()).isEqualTo(before + 1);

        background.runAll();
        assertThat(background.submitted()).as("exactly one follow-up sample").isEqualTo(before + 2);
        assertThat(w.containers().rows()).extracting(r -> r.nameProperty().get()).containsExactly("b", "a");
    }

    @Test
    void aFailedSampleIsShownAndTheNextRefreshStillRuns() {
        FakeContainerEngine flaky = new FakeContainerEngine() {
            private boolean failed;

            @Override
            public synchronized List<ContainerInfo> list(boolean all) {
                if (!failed) {
                    failed = true;
                    throw new EngineException(EngineException.Kind.IO, "database is locked");
                }
                return super.list(all);
            }
        };
        flaky.run(ContainerSpec.of("busybox", Isolation.PROCESS, "top").withName("web"));
        window = new MainViewModel(flaky, Runnable::run, Runnable::run, Clock.systemUTC());
        window.start();
        assertThat(window.notices().messageProperty().get())
                .isEqualTo("Could not read the engine's state: database is locked");
        assertThat(window.containers().rows()).isEmpty();

        window.tick();

        assertThat(window.containers().rows()).extracting(r -> r.nameProperty().get()).containsExactly("web");
    }

    @Test
    void closingStopsListeningToTheEngine() {
        MainViewModel w = open(Runnable::run);
        w.close();

        run("web", "top");

        assertThat(w.containers().rows()).isEmpty();
    }

    @Test
    void selectingAnotherContainerSwitchesTheProcessTables() {
        run("a", "top");
        run("b", "ping", "127.0.0.1");
        MainViewModel w = open(Runnable::run);
        assertThat(w.processes().containerTitleProperty().get()).isEqualTo("Inside the container b");

        w.containers().select(engine.inspect("a").id());

        assertThat(w.processes().containerTitleProperty().get()).isEqualTo("Inside the container a");
        assertThat(w.processes().containerRows()).extracting(r -> r.nameProperty().get()).containsExactly("top");
        assertThat(w.processes().hostRows().get(0).nameProperty().get()).isEqualTo("top");
    }

    @Test
    void statsFollowTheSelectedContainerOnTicksWhileTheirTabIsShown() {
        run("a", "top");
        run("b", "ping", "127.0.0.1");
        MainViewModel w = open(Runnable::run);
        assertThat(w.stats().showingProperty().get()).as("tab not shown: no sample").isFalse();

        w.stats().activeProperty().set(true);
        assertThat(w.stats().titleProperty().get()).isEqualTo("Usage of b (Process isolation)");
        assertThat(w.stats().showingProperty().get()).isTrue();
        w.tick();
        assertThat(w.stats().cpuProperty().get()).endsWith(" %");

        w.containers().select(engine.inspect("a").id());
        assertThat(w.stats().titleProperty().get()).isEqualTo("Usage of a (Process isolation)");
        assertThat(w.stats().points()).isEmpty();

        engine.exit("a", 0);
        w.tick();
        assertThat(w.stats().showingProperty().get()).isFalse();
        assertThat(w.stats().placeholderProperty().get()).startsWith("a is not running");
    }

    @Test
    void theEnginesWarningsAreShownUntilDismissedWhateverFailuresComeAndGo() {
        engine.withWarning(new io.isoscope.engine.api.EngineWarning(java.time.Instant.EPOCH,
                "The engine database /s/isoscope.db was damaged. It was moved aside to /s/isoscope.db.corrupt-1.",
                "The history of events before the damage is only in /s/isoscope.db.corrupt-1."));
        engine.withWarning(new io.isoscope.engine.api.EngineWarning(java.time.Instant.EPOCH, "Second.", null));

        MainViewModel w = open(Runnable::run);

        assertThat(w.notices().warningProperty().get()).isEqualTo(
                "The engine database /s/isoscope.db was damaged. It was moved aside to /s/isoscope.db.corrupt-1.\nSecond.");
        assertThat(w.notices().warningDetailProperty().get())
                .isEqualTo("The history of events before the damage is only in /s/isoscope.db.corrupt-1.");
        w.notices().show("Could not stop web: gone");
        w.notices().dismiss();
        assertThat(w.notices().warningProperty().get()).as("a failure notice does not replace it").startsWith("The engine");

        w.notices().dismissWarnings();
        assertThat(w.notices().warningProperty().get()).isNull();
        assertThat(w.notices().warningDetailProperty().get()).isNull();
    }

    @Test
    void noWarningsNoWarningBar() {
        MainViewModel w = open(Runnable::run);

        assertThat(w.notices().warningProperty().get()).isNull();
    }
}
