package io.isoscope.app.gui;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** On a host without runc the window still opens, says why nothing can run, and a Run attempt explains it. */
class GuiMissingRuntimeTest extends GuiTestBase {

    @Override
    protected EngineFixture openFixture() {
        return EngineFixture.withoutRunc();
    }

    @Test
    void runningWithoutRuncShowsTheReasonAndTheFix(FxRobot robot) throws Exception {
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#runButton");

        waitUntil(20, () -> visible(robot, "#noticeBar"));
        String notice = onFx(() -> robot.lookup("#notice").queryLabeled().getText());
        assertThat(notice).startsWith("Could not run busybox: ")
                .contains("the configured runc (/nonexistent/runc) does not exist")
                .contains("ISOSCOPE_RUNC");
        assertThat(onFx(() -> robot.lookup("#command").queryTextInputControl().getText())).isEqualTo("ping 127.0.0.1");
        assertThat(fixture.engine().list(true)).isEmpty();
    }
}
