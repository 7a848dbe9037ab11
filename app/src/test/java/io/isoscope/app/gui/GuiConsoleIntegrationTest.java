package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;

import static io.isoscope.app.gui.ConsoleQueries.consoleTabShown;
import static io.isoscope.app.gui.ConsoleQueries.showsLine;
import static io.isoscope.app.gui.ConsoleQueries.status;
import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Console tab against the real engine: busybox sh run with a terminal from the form, typed into. */
class GuiConsoleIntegrationTest extends GuiTestBase {

    @Test
    void echoHiInABusyboxShellRunWithATerminal(FxRobot robot) throws Exception {
        robot.clickOn("#command").write("sh");
        robot.clickOn("#tty");
        robot.clickOn("#runButton");

        // Attached: the runc side holds the terminal in the container's monitor.
        waitUntil(30, () -> consoleTabShown(robot) && status(robot).startsWith("Attached to "));
        List<ContainerInfo> containers = fixture.engine().list(true);
        assertThat(containers).singleElement().satisfies(c -> assertThat(c.tty()).isTrue());
        String notice = onFx(() -> ((Label) robot.lookup("#notice").query()).getText());
        assertThat(onFx(() -> status(robot))).as("attached; notice=%s, console=%s", notice,
                onFx(() -> emptyState(robot))).startsWith("Attached to ");

        robot.clickOn("#terminal").write("echo hi");
        robot.type(KeyCode.ENTER);
        waitUntil(20, () -> showsLine(robot, "hi"));
        assertThat(onFx(() -> ConsoleQueries.terminal(robot).visibleText())).contains("echo hi");

        robot.clickOn("#detachButton");
        waitUntil(10, () -> status(robot).startsWith("Detached from "));
        assertThat(fixture.engine().inspect(containers.get(0).id()).isRunning()).as("detached, not stopped").isTrue();
    }

    private static String emptyState(FxRobot robot) {
        Label empty = robot.lookup("#consoleEmpty").query();
        return empty.getText() == null ? "" : empty.getText();
    }
}
