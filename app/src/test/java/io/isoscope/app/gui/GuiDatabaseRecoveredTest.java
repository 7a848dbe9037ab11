package io.isoscope.app.gui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.retype;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window over a real engine that found its database damaged: a warning bar names the moved-aside file and
 * stays when an engine failure comes and goes; the container is listed again.
 */
@Tag("fault-injection")
class GuiDatabaseRecoveredTest extends GuiTestBase {

    @Override
    protected EngineFixture openFixture() {
        return EngineFixture.withDamagedDatabase("kept");
    }

    @Test
    void theWarningNamesTheMovedAsideDatabaseAndStaysUntilDismissed(FxRobot robot) throws Exception {
        waitUntil(20, () -> visible(robot, "#warningBar"));
        String warning = onFx(() -> robot.lookup("#warning").queryLabeled().getText());
        assertThat(warning).startsWith("The engine database " + fixture.stateDir().resolve("isoscope.db")
                        + " was damaged (file is not a database). It was moved aside to "
                        + fixture.stateDir().resolve("isoscope.db.corrupt-"))
                .endsWith("1 container restored.");
        waitUntil(20, () -> robot.lookup("#containerTable").queryTableView().getItems().size() == 1);

        // A failure notice (dismissed with Esc) leaves the warning where it is.
        retype(robot, "#image", "nosuchimage");
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#runButton");
        waitUntil(20, () -> visible(robot, "#noticeBar"));
        // The failure pop-up opens beside the bar; a key pressed while that window is being shown can be lost
        // on a loaded machine, so Esc is pressed again (at most three times) until the bar goes.
        for (int attempt = 0; attempt < 3 && onFx(() -> visible(robot, "#noticeBar")); attempt++) {
            robot.clickOn("#containerTable").type(javafx.scene.input.KeyCode.ESCAPE);
            try {
                waitUntil(4, () -> !visible(robot, "#noticeBar"));
            } catch (java.util.concurrent.TimeoutException stillThere) {
                // pressed again below
            }
        }
        assertThat(onFx(() -> visible(robot, "#noticeBar"))).as("Esc dismissed the failure notice").isFalse();
        assertThat(onFx(() -> visible(robot, "#warningBar"))).isTrue();

        // Fired rather than clicked: the failure pop-up may still lie over the bar's right end, where Dismiss is.
        robot.interact(() -> robot.lookup("#dismissWarning").queryButton().fire());
        waitUntil(5, () -> !visible(robot, "#warningBar"));
    }
}
