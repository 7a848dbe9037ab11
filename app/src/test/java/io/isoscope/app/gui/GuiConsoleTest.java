package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.EchoConsole;
import io.isoscope.engine.testing.FakeContainerEngine;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

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

/** The Console tab over the fake engine, whose consoles echo what is typed: keys, Ctrl-C, resize, detach. */
class GuiConsoleTest extends GuiTestBase {

    private final FakeContainerEngine engine = new FakeContainerEngine();

    @Override
    protected EngineFixture openFixture() {
        return EngineFixture.fake(engine);
    }

    private EchoConsole runShellFromTheForm(FxRobot robot) throws Exception {
        robot.clickOn("#command").write("sh");
        robot.clickOn("#tty");
        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .isEqualTo("docker run -d -it busybox sh");
        robot.clickOn("#runButton");
        waitUntil(10, () -> consoleTabShown(robot) && engine.consoles().size() == 1
                && status(robot).startsWith("Attached to "));
        return engine.consoles().get(0);
    }

    @Test
    void typingEchoHiShowsItAndCtrlCReachesTheContainer(FxRobot robot) throws Exception {
        EchoConsole session = runShellFromTheForm(robot);
        assertThat(onFx(() -> visible(robot, "#terminal"))).isTrue();
        assertThat(onFx(() -> status(robot)))
                .endsWith("— Ctrl-C is sent to the container; detach with the button");

        waitUntil(10, () -> terminal(robot).isFocused()); // ready to type into, no click needed
        robot.write("echo hi");
        robot.type(KeyCode.ENTER);
        waitUntil(10, () -> terminal(robot).visibleText().startsWith("echo hi\n"));
        session.print("hi\r\n$ "); // what the shell would answer
        waitUntil(10, () -> showsLine(robot, "hi"));

        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        waitUntil(10, () -> showsLine(robot, "$ ^C"));
        assertThat(onFx(() -> terminal(robot).visibleText())).startsWith("echo hi\nhi\n$ ^C\n");
    }

    @Test
    void resizingTheWindowTellsTheSessionTheNewCellSize(FxRobot robot) throws Exception {
        EchoConsole session = runShellFromTheForm(robot);
        waitUntil(10, () -> !session.sizes().isEmpty() && matches(last(session), robot));
        int[] before = last(session);

        robot.interact(() -> {
            stage.setWidth(stage.getWidth() - 160);
            stage.setHeight(stage.getHeight() - 80);
        });
        waitUntil(10, () -> last(session)[0] < before[0] && last(session)[1] < before[1]
                && matches(last(session), robot));
    }

    private static int[] last(EchoConsole session) {
        List<int[]> sizes = session.sizes();
        return sizes.get(sizes.size() - 1);
    }

    /** Whether {@code size} is the terminal's size in cells now. FX thread. */
    private static boolean matches(int[] size, FxRobot robot) {
        return size[0] == terminal(robot).columns() && size[1] == terminal(robot).rows();
    }

    @Test
    void detachClosesTheSessionAndTheContainerRunsOn(FxRobot robot) throws Exception {
        EchoConsole session = runShellFromTheForm(robot);
        robot.clickOn("#detachButton");
        waitUntil(10, () -> session.isClosed() && status(robot).startsWith("Detached from ")
                && visible(robot, "#attachButton"));
        assertThat(engine.list(false)).as("still running").hasSize(1);

        robot.clickOn("#attachButton");
        waitUntil(10, () -> engine.consoles().size() == 2 && status(robot).startsWith("Attached to "));
    }

    @Test
    void aContainerWithoutATerminalOffersAShell(FxRobot robot) throws Exception {
        engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("pinger"));
        waitUntil(10, () -> robot.lookup("pinger").tryQuery().isPresent());
        robot.clickOn("pinger");
        openConsoleTab(robot);
        waitUntil(10, () -> visible(robot, "#shellButton") && !visible(robot, "#attachButton")
                && robot.lookup(".console-empty").queryLabeled().getText()
                        .contains("pinger was not run with a terminal (-it)"));
        assertThat(engine.consoles()).as("no shell without asking").isEmpty();

        robot.clickOn("#shellButton");
        waitUntil(10, () -> engine.consoles().size() == 1 && status(robot).startsWith("Shell (sh) in pinger"));
        robot.clickOn("#terminal").write("id");
        waitUntil(10, () -> terminal(robot).visibleText().startsWith("id"));
    }
}
