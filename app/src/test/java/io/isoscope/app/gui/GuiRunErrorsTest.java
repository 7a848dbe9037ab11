package io.isoscope.app.gui;

import javafx.scene.Node;
import org.controlsfx.control.decoration.Decorator;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static io.isoscope.app.gui.FxQueries.imageText;
import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.retype;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

/** The Run form's failures as a user meets them: messages shown, fields kept, nothing started. */
class GuiRunErrorsTest extends GuiTestBase {

    @Test
    void aBadImageShowsTheEnginesMessageAndKeepsTheForm(FxRobot robot) throws Exception {
        retype(robot, "#image", "nosuchimage");
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#name").write("pinger");
        robot.clickOn("#runButton");

        waitUntil(20, () -> visible(robot, "#imageError") && visible(robot, "#noticeBar")
                && Decorator.getDecorations(robot.lookup("#image").query()) != null);

        onFx(() -> {
            assertThat(robot.lookup("#imageError").queryLabeled().getText()).contains("nosuchimage");
            assertThat(robot.lookup("#notice").queryLabeled().getText()).startsWith("Could not run nosuchimage: ");
            assertThat(Decorator.getDecorations(robot.lookup("#image").query())).as("ControlsFX decoration").isNotEmpty();
            assertThat(imageText(robot)).isEqualTo("nosuchimage");
            assertThat(robot.lookup("#command").queryTextInputControl().getText()).isEqualTo("ping 127.0.0.1");
            assertThat(robot.lookup("#name").queryTextInputControl().getText()).isEqualTo("pinger");
            return null;
        });
        assertThat(fixture.engine().list(true)).isEmpty();

        robot.clickOn("#dismissNotice");
        waitUntil(5, () -> !visible(robot, "#noticeBar"));

        // Picking the built-in image from the drop-down puts it in the field and clears the complaint.
        robot.clickOn("#image .arrow-button");
        robot.clickOn((Node) robot.lookup(".combo-box-popup .list-cell").match(hasText("busybox")).query());
        waitUntil(5, () -> imageText(robot).equals("busybox") && !visible(robot, "#imageError"));
        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .isEqualTo("docker run -d --name pinger busybox ping 127.0.0.1");
    }

    @Test
    void aCommandMissingFromTheImageIsShownAtTheCommandField(FxRobot robot) throws Exception {
        robot.clickOn("#command").write("nginx -g daemon");
        robot.clickOn("#runButton");

        waitUntil(20, () -> visible(robot, "#commandError") && visible(robot, "#noticeBar"));
        onFx(() -> {
            assertThat(robot.lookup("#commandError").queryLabeled().getText())
                    .contains("exec: \"nginx\": executable file not found in $PATH");
            assertThat(robot.lookup("#command").queryTextInputControl().getText()).isEqualTo("nginx -g daemon");
            return null;
        });
        assertThat(fixture.engine().list(true)).isEmpty();
    }

    @Test
    void aLimitTheEngineRefusesIsShownBelowTheFormWithTheDockerLineInStep(FxRobot robot) throws Exception {
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#memory").write("1k");
        robot.clickOn("#pidsLimit").write("64");
        waitUntil(5, () -> robot.lookup("#dockerLine").queryTextInputControl().getText()
                .equals("docker run -d --memory=1m --pids-limit=64 busybox ping 127.0.0.1"));
        robot.clickOn("#runButton");

        waitUntil(20, () -> visible(robot, "#runError"));
        assertThat(onFx(() -> robot.lookup("#runError").queryLabeled().getText()))
                .isEqualTo("Minimum memory limit allowed is 6MB");
        assertThat(fixture.engine().list(true)).isEmpty();

        robot.clickOn("#cpus").write("x");
        waitUntil(5, () -> visible(robot, "#limitsError"));
        assertThat(onFx(() -> robot.lookup("#limitsError").queryLabeled().getText()))
                .isEqualTo("CPUs: use a whole number of CPUs, e.g. 1 or 2");
    }

    @Test
    void anEmptyFormIsFlaggedAtItsFieldsWithoutRunningAnything(FxRobot robot) throws Exception {
        assertThat(onFx(() -> imageText(robot))).as("the built-in image is the default").isEqualTo("busybox");
        retype(robot, "#image", "");
        robot.clickOn("#runButton");

        // ControlsFX applies its decorations a pulse later than the labels change.
        waitUntil(5, () -> visible(robot, "#imageError") && visible(robot, "#commandError")
                && Decorator.getDecorations(robot.lookup("#image").query()) != null
                && Decorator.getDecorations(robot.lookup("#command").query()) != null);

        onFx(() -> {
            assertThat(robot.lookup("#imageError").queryLabeled().getText()).isEqualTo("Enter an image, e.g. busybox");
            assertThat(robot.lookup("#commandError").queryLabeled().getText())
                    .isEqualTo("Enter the command to run, e.g. ping 127.0.0.1");
            assertThat(Decorator.getDecorations(robot.lookup("#command").query())).isNotEmpty();
            assertThat(Decorator.getDecorations(robot.lookup("#name").query())).as("a fine field is not flagged").isNull();
            return null;
        });
        assertThat(fixture.engine().list(true)).isEmpty();

        robot.clickOn("#image").write("busybox");
        waitUntil(5, () -> !visible(robot, "#imageError") && visible(robot, "#commandError")
                && imageText(robot).equals("busybox"));
    }
}
