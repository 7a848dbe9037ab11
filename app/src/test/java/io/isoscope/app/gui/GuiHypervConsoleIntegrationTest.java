package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;

import static io.isoscope.app.gui.ConsoleQueries.consoleTabShown;
import static io.isoscope.app.gui.ConsoleQueries.openConsoleTab;
import static io.isoscope.app.gui.ConsoleQueries.showsLine;
import static io.isoscope.app.gui.ConsoleQueries.status;
import static io.isoscope.app.gui.ConsoleQueries.terminal;
import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Console tab against the real engine and QEMU: busybox sh in a VM, run with a terminal from the form or
 * opened with "Open a shell" in a VM container without one; typed into, interrupted, resized. Every VM is removed
 * and its QEMU gone at the end of its test.
 */
class GuiHypervConsoleIntegrationTest extends GuiTestBase {

    /** QEMU with TCG boots the VM first, on a machine other tests load too. */
    private static final int VM_SECONDS = 90;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aShellRunInAVmWithATerminalShowsItsPromptAndTakesKeysCtrlCAndResizes(FxRobot robot) throws Exception {
        waitUntil(20, () -> robot.lookup("#hypervIsolation").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        robot.clickOn("#hypervIsolation");
        robot.clickOn("#command").write("sh");
        robot.clickOn("#tty");
        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .contains(" -it ", "--isolation=hyperv", "busybox sh");
        robot.clickOn("#runButton");

        waitUntil(VM_SECONDS, () -> consoleTabShown(robot) && status(robot).startsWith("Attached to "));
        ContainerInfo vm = fixture.engine().list(false).stream().filter(c -> c.isolation() == Isolation.HYPERV)
                .findFirst().orElseThrow();
        assertThat(vm.tty()).isTrue();
        try {
            // Nothing typed yet: the agent replays what the shell printed before the console attached.
            waitUntil(30, () -> showsLine(robot, "/ #"));
            typeIntoTheShell(robot, vm);
        } finally {
            removeAndAwaitQemuGone(vm);
        }
    }

    @Test
    void openAShellInAVmContainerWithoutATerminalWorksTheSameWay(FxRobot robot) throws Exception {
        ContainerInfo vm = fixture.engine().run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "127.0.0.1")
                .withName("vm-pinger"));
        try {
            waitUntil(20, () -> robot.lookup("vm-pinger").tryQuery().isPresent());
            robot.clickOn("vm-pinger");
            openConsoleTab(robot);
            waitUntil(20, () -> visible(robot, "#shellButton") && !visible(robot, "#attachButton"));

            robot.clickOn("#shellButton");
            waitUntil(VM_SECONDS, () -> status(robot).startsWith("Shell (sh) in vm-pinger"));
            waitUntil(30, () -> showsLine(robot, "/ #"));
            typeIntoTheShell(robot, vm);
        } finally {
            removeAndAwaitQemuGone(vm);
        }
    }

    /** echo hi, Ctrl-C of a sleep, and stty size after a resize of the window, in the shell the terminal shows. */
    private void typeIntoTheShell(FxRobot robot, ContainerInfo vm) throws Exception {
        robot.clickOn("#terminal").write("echo hi");
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> showsLine(robot, "hi"));
        assertThat(onFx(() -> terminal(robot).visibleText())).contains("/ # echo hi");

        robot.write("sleep 100");
        robot.type(KeyCode.ENTER);
        Poll.until("sleep to run in the VM", WAIT, () -> names(vm).contains("sleep"));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        Poll.until("Ctrl-C to end sleep", WAIT, () -> !names(vm).contains("sleep"));
        robot.write("echo after-$((1+1))");
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> showsLine(robot, "after-2"));

        int[] before = onFx(() -> new int[] {terminal(robot).columns(), terminal(robot).rows()});
        robot.interact(() -> {
            stage.setWidth(stage.getWidth() - 160);
            stage.setHeight(stage.getHeight() - 80);
        });
        waitUntil(10, () -> terminal(robot).columns() < before[0] && terminal(robot).rows() < before[1]);
        // The new size went to the session before anything typed after it (one writer, in order).
        int[] after = onFx(() -> new int[] {terminal(robot).columns(), terminal(robot).rows()});
        robot.write("stty size");
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> showsLine(robot, after[1] + " " + after[0]));
    }

    private List<String> names(ContainerInfo vm) {
        return fixture.engine().processes(vm.id()).stream().map(p -> p.name()).toList();
    }

    /** Removes the VM container and waits for its QEMU (the host PID the engine reported) to be gone. */
    private void removeAndAwaitQemuGone(ContainerInfo vm) {
        long qemu = fixture.engine().inspect(vm.id()).hostPid();
        fixture.engine().remove(vm.id(), true);
        Poll.until("QEMU (PID " + qemu + ") to end", WAIT,
                () -> qemu <= 0 || ProcessHandle.of(qemu).map(p -> !p.isAlive()).orElse(true));
    }
}
