package io.isoscope.views.walkthrough;

import io.isoscope.views.settings.SettingsStore;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.ManualTime;
import io.isoscope.views.main.MainViewModel;
import io.isoscope.views.processes.Emphasis;
import io.isoscope.views.processes.HostProcessRow;
import io.isoscope.views.processes.ProcessesViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough over the fake engine, with the window's real container and process ViewModels around it. */
class WalkthroughViewModelTest {

    private static final String PROCESS = "process-ping";
    private static final String HYPERV = "hyperv-ping";

    private final ManualTime time = new ManualTime();
    private FakeContainerEngine engine = new FakeContainerEngine().withHyperv(true);
    private MainViewModel window;
    private WalkthroughViewModel walk;

    @TempDir
    Path dir;

    private WalkthroughViewModel open(Executor background) {
        window = new MainViewModel(engine, background, Runnable::run, time, time, SettingsStore.inMemory());
        window.start();
        walk = window.walkthrough();
        walk.open();
        return walk;
    }

    private WalkthroughViewModel open() {
        return open(Runnable::run);
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void opensOnTheBuiltInScenarioBeforeItsFirstStep() {
        open();

        assertThat(walk.openProperty().get()).isTrue();
        assertThat(walk.scenarioTitleProperty().get()).contains("Hyper-V containers");
        assertThat(walk.steps()).hasSize(7).allSatisfy(s -> assertThat(s.statusProperty().get()).isEqualTo(StepStatus.PENDING));
        assertThat(walk.currentProperty().get()).isEqualTo(-1);
        assertThat(walk.progressTextProperty().get()).isEqualTo("7 steps · not started");
        assertThat(walk.stepTitleProperty().get()).isEqualTo(WalkthroughViewModel.INTRO_TITLE);
        assertThat(walk.noticeProperty().get()).contains("Microsoft");
        assertThat(walk.nextLabelProperty().get()).isEqualTo("Start");
        assertThat(walk.canBackProperty().get()).isFalse();
        assertThat(walk.canNextProperty().get()).isTrue();
        assertThat(walk.canLoadProperty().get()).isTrue();
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void everyStepRunsAgainstTheEngineAndDrivesTheTables() {
        open();
        ProcessesViewModel tables = window.processes();

        walk.next(); // 1: run the process-isolated ping
        assertStep(0, "Step 1 of 7", StepStatus.DONE);
        ContainerInfo proc = container(PROCESS);
        assertThat(proc.isolation()).isEqualTo(Isolation.PROCESS);
        assertThat(proc.command()).containsExactly("ping", "127.0.0.1");
        assertThat(walk.commands()).containsExactly(
                "docker run -d --isolation=process --name " + PROCESS + " busybox ping 127.0.0.1");
        assertThat(walk.outcomeProperty().get()).startsWith("Started " + PROCESS + " (" + proc.shortId() + ") with "
                + "Process isolation; its first process is host PID " + proc.hostPid());
        assertThat(window.containers().selectedId()).contains(proc.id());
        assertThat(walk.canBackProperty().get()).isFalse();

        walk.next(); // 2: its container-side table
        assertStep(1, "Step 2 of 7", StepStatus.DONE);
        assertThat(walk.commands()).containsExactly("docker top " + PROCESS);
        assertThat(walk.outcomeProperty().get())
                .isEqualTo("ping is PID 1 inside and host PID " + proc.hostPid() + " on the host");
        assertThat(tables.emphasisProperty().get()).isEqualTo(Emphasis.CONTAINER_TABLE);
        assertThat(tables.containerRows()).extracting(r -> r.nameProperty().get()).containsExactly("ping");
        assertThat(tables.hostFilterProperty().get()).isEmpty();

        walk.next(); // 3: get-process -Name ping finds the very same process
        assertStep(2, "Step 3 of 7", StepStatus.DONE);
        assertThat(walk.commands()).containsExactly("get-process -Name ping", "ps -o pid,ppid,comm,args -C ping");
        assertThat(walk.outcomeProperty().get()).isEqualTo("Found ping, host PID " + proc.hostPid()
                + ": the same process as PID 1 inside " + PROCESS);
        assertThat(tables.hostFilterProperty().get()).isEqualTo("ping");
        assertThat(tables.onlySelectedProperty().get()).isTrue();
        assertThat(tables.emphasisProperty().get()).isEqualTo(Emphasis.HOST_TABLE);
        assertThat(tables.hostRows()).singleElement().satisfies(r -> {
            assertThat(r.pid()).isEqualTo(proc.hostPid());
            assertThat(r.mappedProperty().get()).isTrue();
        });
        assertThat(tables.containerRows()).allSatisfy(r -> assertThat(r.mappedProperty().get()).isTrue());

        walk.next(); // 4: run the Hyper-V ping
        assertStep(3, "Step 4 of 7", StepStatus.DONE);
        ContainerInfo vm = container(HYPERV);
        assertThat(vm.isolation()).isEqualTo(Isolation.HYPERV);
        assertThat(walk.commands()).containsExactly(
                "docker run -d --isolation=hyperv --name " + HYPERV + " busybox ping 127.0.0.1");
        assertThat(walk.outcomeProperty().get()).contains("its VM worker is host PID " + vm.hostPid());
        assertThat(window.containers().selectedId()).contains(vm.id());
        assertThat(tables.hostFilterProperty().get()).isEmpty();
        assertThat(tables.onlySelectedProperty().get()).isFalse();

        walk.next(); // 5: its container-side table: ping, no host PID
        assertStep(4, "Step 5 of 7", StepStatus.DONE);
        assertThat(walk.outcomeProperty().get())
                .isEqualTo("ping is PID 1 inside the VM, with no host PID: the host cannot see it");
        assertThat(tables.containerRows()).singleElement().satisfies(r -> {
            assertThat(r.nameProperty().get()).isEqualTo("ping");
            assertThat(r.hostPidProperty().get()).isNull();
        });

        walk.next(); // 6: get-process -Name ping: not among the VM container's processes
        assertStep(5, "Step 6 of 7", StepStatus.DONE);
        assertThat(walk.outcomeProperty().get()).isEqualTo("get-process : Cannot find a process with the name "
                + "\"ping\". Verify the process name and call the cmdlet again. (1 other ping process runs on the "
                + "host, none of them " + HYPERV + "'s)");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostNotFoundProperty().get()).isTrue();
        assertThat(tables.hostPlaceholderProperty().get()).startsWith("Cannot find a process with the name \"ping\".");

        walk.next(); // 7: get-process -Name vmwp: the VM worker
        assertStep(6, "Step 7 of 7", StepStatus.DONE);
        assertThat(walk.commands()).containsExactly("get-process -Name vmwp", "ps -o pid,ppid,comm,args -C vmwp");
        assertThat(walk.outcomeProperty().get()).isEqualTo("Found vmwp, host PID " + vm.hostPid()
                + ": the VM worker that encapsulates " + HYPERV);
        assertThat(tables.hostRows()).singleElement().satisfies(r -> {
            assertThat(r.nameProperty().get()).isEqualTo("vmwp");
            assertThat(r.vmWorkerProperty().get()).isTrue();
        });
        assertThat(walk.nextLabelProperty().get()).isEqualTo("Finish");
        assertThat(walk.progressProperty().get()).isEqualTo(1.0);
        assertThat(walk.steps()).allSatisfy(s -> assertThat(s.statusProperty().get()).isEqualTo(StepStatus.DONE));

        walk.next(); // Finish
        assertThat(engine.list(true)).isEmpty();
        assertThat(walk.openProperty().get()).isFalse();
        assertThat(tables.hostFilterProperty().get()).isEmpty();
        assertThat(tables.onlySelectedProperty().get()).isFalse();
        assertThat(tables.emphasisProperty().get()).isEqualTo(Emphasis.NONE);
    }

    @Test
    void backShowsAnEarlierStepAgainWithoutStartingAnotherContainer() {
        open();
        for (int i = 0; i < 4; i++) {
            walk.next();
        }
        ContainerInfo proc = container(PROCESS);

        walk.back();
        assertStep(2, "Step 3 of 7", StepStatus.DONE);
        assertThat(window.containers().selectedId()).contains(proc.id());
        assertThat(window.processes().hostFilterProperty().get()).isEqualTo("ping");
        assertThat(window.processes().hostRows()).extracting(HostProcessRow::pid).containsExactly(proc.hostPid());

        walk.back();
        walk.back();
        assertStep(0, "Step 1 of 7", StepStatus.DONE);
        assertThat(walk.outcomeProperty().get()).isEqualTo(PROCESS + " is already running (started at step 1); it is "
                + "selected in the container list");
        assertThat(walk.canBackProperty().get()).isFalse();

        walk.next();
        walk.next();
        walk.next();
        assertStep(3, "Step 4 of 7", StepStatus.DONE);
        assertThat(engine.calls().split("create ")).hasSize(3); // two containers started, never a third
        assertThat(engine.list(true)).extracting(ContainerInfo::name).containsExactlyInAnyOrder(PROCESS, HYPERV);
    }

    @Test
    void runAllCountsDownAfterEachStepAndStopsAtTheLast() {
        open();

        walk.toggleRunAll();
        assertStep(0, "Step 1 of 7", StepStatus.DONE);
        assertThat(walk.presentingProperty().get()).isTrue();
        assertThat(walk.secondsLeftProperty().get()).isEqualTo(8);
        assertThat(walk.presenterStatusProperty().get()).isEqualTo("Next step in 8 s");

        time.advance(Duration.ofSeconds(3));
        assertThat(walk.currentProperty().get()).isZero();
        assertThat(walk.presenterStatusProperty().get()).isEqualTo("Next step in 5 s");

        time.advance(Duration.ofSeconds(5));
        assertStep(1, "Step 2 of 7", StepStatus.DONE);
        assertThat(walk.presenterStatusProperty().get()).isEqualTo("Next step in 8 s");

        // Next during the countdown skips the rest of it, and Run all goes on.
        walk.next();
        assertStep(2, "Step 3 of 7", StepStatus.DONE);
        assertThat(walk.secondsLeftProperty().get()).isEqualTo(8);

        time.advance(Duration.ofSeconds(8 * 4));
        assertStep(6, "Step 7 of 7", StepStatus.DONE);
        assertThat(walk.presentingProperty().get()).isFalse();
        assertThat(walk.presenterStatusProperty().get()).startsWith("All steps shown");
        assertThat(walk.steps()).allSatisfy(s -> assertThat(s.statusProperty().get()).isEqualTo(StepStatus.DONE));
        assertThat(time.waiting()).isZero();
    }

    @Test
    void pauseStopsTheCountdownAndBackPausesToo() {
        open();
        walk.toggleRunAll();
        walk.toggleRunAll();

        assertThat(walk.presentingProperty().get()).isFalse();
        assertThat(walk.presenterStatusProperty().get()).startsWith("Paused");
        time.advance(Duration.ofSeconds(30));
        assertThat(walk.currentProperty().get()).isZero();

        walk.toggleRunAll(); // resuming on a settled step moves on at once
        assertStep(1, "Step 2 of 7", StepStatus.DONE);
        walk.back();
        assertThat(walk.presentingProperty().get()).isFalse();
        time.advance(Duration.ofSeconds(30));
        assertThat(walk.currentProperty().get()).isZero();
    }

    @Test
    void aStepWhoseExpectationNeverHoldsFailsAfterWaitingAndPausesRunAll() throws Exception {
        Path file = dir.resolve("never.json");
        Files.writeString(file, """
                {"title": "Never", "presenterSeconds": 1, "steps": [
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "web",
                   "isolation": "process", "image": "busybox", "command": ["sleep", "600"]}},
                  {"title": "Look for ping", "notice": "n",
                   "action": {"type": "HOST_LOOKUP", "name": "ping", "expect": "FOUND", "container": "web"}},
                  {"title": "After", "notice": "n", "action": {"type": "SHOW_CONTAINER_TABLE", "container": "web"}}
                ]}""");
        open();
        walk.load(file);
        assertThat(walk.scenarioTitleProperty().get()).isEqualTo("Never");

        walk.toggleRunAll();
        time.advance(Duration.ofSeconds(1));
        assertThat(walk.currentProperty().get()).isEqualTo(1);
        assertThat(walk.outcomeStatusProperty().get()).isEqualTo(StepStatus.RUNNING);
        assertThat(walk.outcomeProperty().get())
                .isEqualTo("No process named ping among web's processes on the host — waiting…");

        time.advance(WalkthroughViewModel.CHECK_TIMEOUT);
        assertStep(1, "Step 2 of 3", StepStatus.FAILED);
        assertThat(walk.outcomeProperty().get()).isEqualTo("No process named ping among web's processes on the host");
        assertThat(walk.presentingProperty().get()).isFalse();
        assertThat(walk.presenterStatusProperty().get()).isEqualTo("Paused: step 2 did not go as expected");
        assertThat(time.waiting()).isZero();

        walk.next(); // the trainer may go on anyway
        assertStep(2, "Step 3 of 3", StepStatus.DONE);
    }

    @Test
    void cancelRemovesWhatItStartedAndGivesBackTheUsersFilter() {
        engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("mine"));
        window = new MainViewModel(engine, Runnable::run, Runnable::run, time, time, SettingsStore.inMemory());
        window.start();
        walk = window.walkthrough();
        window.processes().hostFilterProperty().set("sshd");
        walk.open();
        for (int i = 0; i < 5; i++) {
            walk.next();
        }
        assertThat(engine.list(true)).hasSize(3);

        walk.cancel();

        assertThat(engine.list(true)).extracting(ContainerInfo::name).containsExactly("mine");
        assertThat(engine.calls()).contains("rm " + PROCESS + ";", "rm " + HYPERV + ";");
        assertThat(walk.openProperty().get()).isFalse();
        assertThat(walk.cleaningProperty().get()).isFalse();
        assertThat(window.processes().hostFilterProperty().get()).isEqualTo("sshd");
        assertThat(window.processes().emphasisProperty().get()).isEqualTo(Emphasis.NONE);
        assertThat(window.notices().messageProperty().get()).isNull();

        // Opened again, it starts afresh.
        walk.open();
        assertThat(walk.currentProperty().get()).isEqualTo(-1);
        assertThat(walk.steps()).allSatisfy(s -> assertThat(s.statusProperty().get()).isEqualTo(StepStatus.PENDING));
    }

    @Test
    void cancelWhileAContainerIsStartingNeverLeavesItBehind() {
        ManualExecutor background = new ManualExecutor();
        open(background);
        background.runAll();

        walk.next();
        assertThat(walk.busyProperty().get()).isTrue();
        assertThat(walk.canNextProperty().get()).isFalse();
        walk.cancel();
        assertThat(walk.cleaningProperty().get()).isTrue();
        background.runAll();

        assertThat(engine.list(true)).isEmpty();
        assertThat(walk.openProperty().get()).isFalse();
    }

    @Test
    void aStartThatFinishesAfterTheWalkthroughEndedRemovesItsContainer() {
        ManualExecutor background = new ManualExecutor();
        engine = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo start(String container) {
                ContainerInfo info = super.start(container);
                walk.cancel(); // the user cancels while the engine is starting it
                return info;
            }
        };
        open(background);
        background.runAll();

        walk.next();
        background.runAll();

        assertThat(engine.list(true)).isEmpty();
        assertThat(engine.calls()).contains("rm " + PROCESS + ";");
        assertThat(walk.openProperty().get()).isFalse();
    }

    @Test
    void closingTheWindowRemovesTheContainers() {
        open();
        for (int i = 0; i < 4; i++) {
            walk.next();
        }

        window.close();

        assertThat(walk.awaitCleanUp(Duration.ofSeconds(5))).isTrue();
        assertThat(engine.list(true)).isEmpty();
        window = null;
    }

    @Test
    void withoutHypervTheVmStepsSayWhyAndHowToFixIt() {
        engine = new FakeContainerEngine(); // Hyper-V unavailable
        open();

        String why = "Hyper-V isolation is not available here: VM isolation is not available in this build. "
                + "Fix: wait for the VM runtime.";
        assertThat(walk.outcomeStatusProperty().get()).isEqualTo(StepStatus.UNAVAILABLE);
        assertThat(walk.outcomeProperty().get()).startsWith(why);
        assertThat(walk.steps()).extracting(s -> s.statusProperty().get()).containsExactly(
                StepStatus.PENDING, StepStatus.PENDING, StepStatus.PENDING,
                StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE);

        walk.toggleRunAll();
        time.advance(Duration.ofSeconds(8 * 3));
        assertStep(3, "Step 4 of 7", StepStatus.UNAVAILABLE);
        assertThat(walk.outcomeProperty().get()).isEqualTo(why);
        assertThat(walk.commands()).containsExactly(
                "docker run -d --isolation=hyperv --name " + HYPERV + " busybox ping 127.0.0.1");
        assertThat(walk.presentingProperty().get()).isTrue(); // skipped, not failed: Run all goes on

        time.advance(Duration.ofSeconds(8 * 3));
        assertStep(6, "Step 7 of 7", StepStatus.UNAVAILABLE);
        assertThat(walk.outcomeProperty().get()).isEqualTo(why);
        assertThat(engine.calls()).doesNotContain("hyperv").containsOnlyOnce("create ");
        assertThat(walk.steps()).extracting(s -> s.statusProperty().get()).containsExactly(
                StepStatus.DONE, StepStatus.DONE, StepStatus.DONE,
                StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE, StepStatus.UNAVAILABLE);

        walk.finish();
        assertThat(engine.list(true)).isEmpty();
    }

    @Test
    void aFailedStartBlocksTheStepsThatNeedItsContainer() throws Exception {
        Path file = dir.resolve("bad-image.json");
        Files.writeString(file, """
                {"title": "Bad image", "steps": [
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "web",
                   "isolation": "process", "image": "nginx", "command": ["nginx"]}},
                  {"title": "Inside", "notice": "n", "action": {"type": "SHOW_CONTAINER_TABLE", "container": "web"}}
                ]}""");
        open();
        walk.load(file);

        walk.next();
        assertStep(0, "Step 1 of 2", StepStatus.FAILED);
        assertThat(walk.outcomeProperty().get()).isEqualTo("Could not start web: No such image: nginx:latest");

        walk.next();
        assertStep(1, "Step 2 of 2", StepStatus.UNAVAILABLE);
        assertThat(walk.outcomeProperty().get()).isEqualTo("This step needs web, which is not running. "
                + "Could not start web: No such image: nginx:latest");
    }

    @Test
    void aTakenNameGetsANumberAndTheCommandsSaySo() {
        engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName(PROCESS));
        open();

        walk.next();
        walk.next();

        assertThat(walk.commands()).containsExactly("docker top " + PROCESS + "-2");
        assertThat(container(PROCESS + "-2").command()).containsExactly("ping", "127.0.0.1");
        walk.cancel();
        assertThat(engine.list(true)).extracting(ContainerInfo::name).containsExactly(PROCESS);
    }

    @Test
    void aBadScenarioFileIsReportedAndTheCurrentOneKept() throws Exception {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, "{\"title\": \"t\", \"steps\": [{\"title\": \"S\", \"notice\": \"n\", "
                + "\"action\": {\"type\": \"SHOW_TABLE\", \"container\": \"x\"}}]}");
        open();

        walk.load(file);

        assertThat(walk.loadErrorProperty().get()).isEqualTo("typo.json is not a usable walkthrough scenario: step 1 "
                + "(\"S\"): unknown action \"SHOW_TABLE\"; use one of RUN_CONTAINER, SHOW_CONTAINER_TABLE, HOST_LOOKUP, "
                + "REMOVE_CONTAINER");
        assertThat(walk.scenarioTitleProperty().get()).contains("Hyper-V containers");
        assertThat(walk.steps()).hasSize(7);

        walk.next();
        assertThat(walk.canLoadProperty().get()).isFalse();
    }

    @Test
    void aRemovedContainerLeavesBothTables() throws Exception {
        Path file = dir.resolve("remove.json");
        Files.writeString(file, """
                {"title": "Gone", "steps": [
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "web",
                   "isolation": "process", "image": "busybox", "command": ["top"]}},
                  {"title": "Remove", "notice": "n", "action": {"type": "REMOVE_CONTAINER", "container": "web"}},
                  {"title": "Look", "notice": "n", "action": {"type": "HOST_LOOKUP", "name": "top", "expect": "NOT_FOUND"}}
                ]}""");
        open();
        walk.load(file);

        walk.next();
        walk.next();
        assertStep(1, "Step 2 of 3", StepStatus.DONE);
        assertThat(walk.commands()).containsExactly("docker rm -f web");
        assertThat(engine.list(true)).isEmpty();

        walk.next();
        assertStep(2, "Step 3 of 3", StepStatus.DONE);
        assertThat(walk.outcomeProperty().get()).isEqualTo("get-process : Cannot find a process with the name "
                + "\"top\". Verify the process name and call the cmdlet again.");

        walk.back();
        assertStep(1, "Step 2 of 3", StepStatus.DONE); // already gone: nothing to remove, nothing fails
    }

    private void assertStep(int index, String progress, StepStatus status) {
        assertThat(walk.currentProperty().get()).isEqualTo(index);
        assertThat(walk.progressTextProperty().get()).isEqualTo(progress);
        assertThat(walk.steps().get(index).statusProperty().get()).as(walk.outcomeProperty().get()).isEqualTo(status);
        assertThat(walk.outcomeStatusProperty().get()).isEqualTo(status);
        assertThat(walk.stepTitleProperty().get()).isEqualTo(walk.steps().get(index).title());
    }

    private ContainerInfo container(String name) {
        List<ContainerInfo> all = engine.list(true);
        return all.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + all));
    }
}
