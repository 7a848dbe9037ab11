package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.processes.ContainerProcessRow;
import io.isoscope.views.processes.HostProcessRow;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.isoscope.app.gui.FxQueries.mappedRows;
import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guided walkthrough against the real engine: all seven steps of the reference scenario (runc, then a QEMU
 * utility VM), each shown in the real tables, and clean-up on Finish and on Cancel while a VM is still booting.
 */
class GuiWalkthroughTest extends GuiTestBase {

    private static final String PROCESS = "process-ping";
    private static final String HYPERV = "hyperv-ping";
    /** A VM boots in about 1.5 s under TCG; the bound leaves room for a busy 2-core machine. */
    private static final int VM_SECONDS = 90;
    private static final int STEP_SECONDS = 30;

    @Test
    void theWholeScenarioRunsForRealAndFinishRemovesItsContainers(FxRobot robot) throws Exception {
        openWalkthrough(robot);
        assertThat(onFx(() -> text(robot, "#nextButton"))).isEqualTo("Start");

        // 1. docker run -d --isolation=process busybox ping 127.0.0.1
        next(robot, 1, STEP_SECONDS);
        ContainerInfo proc = container(PROCESS);
        assertThat(proc.isolation()).isEqualTo(Isolation.PROCESS);
        assertThat(commands(robot)).containsExactly(
                "docker run -d --isolation=process --name " + PROCESS + " busybox ping 127.0.0.1");
        waitUntil(STEP_SECONDS, () -> selectedContainer(robot).equals(PROCESS));

        // 2. docker top: ping, with its host PID
        next(robot, 2, STEP_SECONDS);
        assertThat(commands(robot)).containsExactly("docker top " + PROCESS);
        waitUntil(STEP_SECONDS, () -> containerRows(robot).stream().anyMatch(
                r -> r.nameProperty().get().equals("ping") && proc.hostPid().equals(r.hostPidProperty().get())));

        // 3. get-process -Name ping: the same process, highlighted on both sides
        next(robot, 3, STEP_SECONDS);
        assertThat(commands(robot)).containsExactly("get-process -Name ping", "ps -o pid,ppid,comm,args -C ping");
        assertThat(onFx(() -> text(robot, "#outcome")))
                .isEqualTo("Found ping, host PID " + proc.hostPid() + ": the same process as PID 1 inside " + PROCESS);
        waitUntil(STEP_SECONDS, () -> {
            List<HostProcessRow> host = hostRows(robot);
            return host.size() == 1 && host.get(0).pid() == proc.hostPid()
                    && !mappedRows(robot, "#hostProcessTable").isEmpty();
        });
        assertThat(onFx(() -> robot.lookup("#hostFilter").queryAs(TextField.class).getText())).isEqualTo("ping");
        assertThat(onFx(() -> robot.lookup("#onlySelected").queryAs(CheckBox.class).isSelected())).isTrue();

        // 4. docker run -d --isolation=hyperv busybox ping 127.0.0.1: a utility VM boots
        next(robot, 4, VM_SECONDS);
        ContainerInfo vm = container(HYPERV);
        assertThat(vm.isolation()).isEqualTo(Isolation.HYPERV);
        waitUntil(STEP_SECONDS, () -> selectedContainer(robot).equals(HYPERV));

        // 5. docker top: ping inside the VM, no host PID
        next(robot, 5, STEP_SECONDS);
        waitUntil(STEP_SECONDS, () -> containerRows(robot).stream().anyMatch(
                r -> r.nameProperty().get().equals("ping") && r.hostPidProperty().get() == null));

        // 6. get-process -Name ping: not among the VM container's processes
        next(robot, 6, STEP_SECONDS);
        assertThat(onFx(() -> text(robot, "#outcome"))).startsWith("get-process : Cannot find a process with the "
                + "name \"ping\". Verify the process name and call the cmdlet again.");
        waitUntil(STEP_SECONDS, () -> hostRows(robot).isEmpty() && ((Label) robot.lookup("#hostProcessTable")
                .queryTableView().getPlaceholder()).getText().startsWith("Cannot find a process with the name \"ping\"."));

        // 7. get-process -Name vmwp: the VM worker, highlighted
        next(robot, 7, STEP_SECONDS);
        assertThat(onFx(() -> text(robot, "#outcome")))
                .isEqualTo("Found vmwp, host PID " + vm.hostPid() + ": the VM worker that encapsulates " + HYPERV);
        waitUntil(STEP_SECONDS, () -> hostRows(robot).stream().anyMatch(
                r -> r.pid() == vm.hostPid() && r.nameProperty().get().equals("vmwp") && r.vmWorkerProperty().get()));
        assertThat(onFx(() -> text(robot, "#nextButton"))).isEqualTo("Finish");

        robot.clickOn("#nextButton");
        waitUntil(STEP_SECONDS, () -> !panelShown(robot));
        assertThat(fixture.engine().list(true)).isEmpty();
        assertThat(onFx(() -> robot.lookup("#hostFilter").queryAs(TextField.class).getText())).isEmpty();
        assertThat(processesOf(fixture.stateDir().toString())).isEmpty();
    }

    @Test
    void cancelWhileTheVmBootsLeavesNoContainerBehind(FxRobot robot) throws Exception {
        openWalkthrough(robot);
        for (int step = 1; step <= 3; step++) {
            next(robot, step, STEP_SECONDS);
        }
        assertThat(fixture.engine().list(true)).extracting(ContainerInfo::name).containsExactly(PROCESS);

        robot.clickOn("#nextButton"); // step 4 starts booting a VM…
        waitUntil(STEP_SECONDS, () -> text(robot, "#progressText").equals("Step 4 of 7"));
        robot.clickOn("#cancelButton"); // …and the trainer cancels at once

        // The panel closes once everything is removed, the VM that was still starting included.
        waitUntil(VM_SECONDS, () -> !panelShown(robot));
        assertThat(fixture.engine().list(true)).isEmpty();
        assertThat(processesOf(fixture.stateDir().toString())).isEmpty();
        assertThat(onFx(() -> robot.lookup("#walkthroughButton").query().isDisabled())).isFalse();
        // The VM had been created when Cancel came (events are recorded a moment after they happen).
        Poll.until("the VM container's CREATED and REMOVED events", Duration.ofSeconds(STEP_SECONDS), () -> {
            List<EngineEvent> events = fixture.engine().events(null);
            return events.stream().anyMatch(e -> e.type() == EngineEvent.Type.CREATED && HYPERV.equals(e.name()))
                    && events.stream().anyMatch(e -> e.type() == EngineEvent.Type.REMOVED && HYPERV.equals(e.name()));
        });
    }

    @Test
    void theTablesGetTheirWidthsBackWhenThePanelCloses(FxRobot robot) throws Exception {
        waitUntil(STEP_SECONDS, () -> width(robot, "#containerCard") > 0);
        double before = onFx(() -> width(robot, "#containerCard"));

        openWalkthrough(robot);
        // The panel takes its room from the tables: the container card gives up some of its width too.
        waitUntil(STEP_SECONDS, () -> width(robot, "#containerCard") < before - 1);

        robot.clickOn("#cancelButton"); // nothing started yet: the panel closes at once
        waitUntil(STEP_SECONDS, () -> !panelShown(robot));
        waitUntil(5, () -> Math.abs(width(robot, "#containerCard") - before) < 1);
    }

    /** The laid-out width of the node found by {@code query}. FX thread. */
    private static double width(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Region.class).getWidth();
    }

    private void openWalkthrough(FxRobot robot) throws Exception {
        waitUntil(STEP_SECONDS, () -> !robot.lookup("#walkthroughButton").query().isDisabled());
        robot.clickOn("#walkthroughButton");
        waitUntil(STEP_SECONDS, () -> panelShown(robot) && text(robot, "#progressText").equals("7 steps · not started"));
        // The Run form makes room for the panel; the tables stay.
        assertThat(onFx(() -> robot.lookup(".run-card").query().isVisible())).isFalse();
        assertThat(onFx(() -> robot.lookup("#hostProcessTable").query().isVisible())).isTrue();
    }

    /** Clicks Next (or Start) and waits until step {@code number} is done (✓). */
    private void next(FxRobot robot, int number, int seconds) throws Exception {
        waitUntil(seconds, () -> !robot.lookup("#nextButton").query().isDisabled());
        robot.clickOn("#nextButton");
        waitUntil(seconds, () -> text(robot, "#progressText").equals("Step " + number + " of 7")
                && text(robot, "#outcomeIcon").equals("✓"));
    }

    private boolean panelShown(FxRobot robot) {
        return robot.lookup(".walkthrough").tryQuery().map(Node::isVisible).orElse(false);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryLabeled().getText();
    }

    private List<String> commands(FxRobot robot) {
        return onFx(() -> robot.lookup(".walkthrough .command").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
    }

    private static String selectedContainer(FxRobot robot) {
        TableView<ContainerRow> table = robot.lookup("#containerTable").queryTableView();
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem())
                .map(r -> r.nameProperty().get()).orElse("");
    }

    private static List<ContainerProcessRow> containerRows(FxRobot robot) {
        TableView<ContainerProcessRow> table = robot.lookup("#containerProcessTable").queryTableView();
        return List.copyOf(table.getItems());
    }

    private static List<HostProcessRow> hostRows(FxRobot robot) {
        TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").queryTableView();
        return List.copyOf(table.getItems());
    }

    private ContainerInfo container(String name) {
        return fixture.engine().list(true).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** Host processes whose command line names {@code path}: a container's monitor, runc or QEMU left running. */
    private static List<String> processesOf(String path) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(path))
                .toList();
    }
}
