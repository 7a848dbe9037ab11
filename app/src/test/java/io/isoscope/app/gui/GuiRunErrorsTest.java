package io.isoscope.app.gui;

import javafx.stage.Stage;
import org.controlsfx.control.decoration.Decorator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Run form's failures as a user meets them: messages shown, fields kept, nothing started. */
@ExtendWith(ApplicationExtension.class)
class GuiRunErrorsTest {

    private EngineFixture fixture;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        fixture = EngineFixture.open();
        window = MainWindow.open(stage, fixture.engine());
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        robot.interact(window::close);
        fixture.close();
    }

    @Test
    void aBadImageShowsTheEnginesMessageAndKeepsTheForm(FxRobot robot) throws Exception {
        robot.clickOn("#image").write("nosuchimage");
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#name").write("pinger");
        robot.clickOn("#runButton");

        waitUntil(20, () -> visible(robot, "#imageError") && visible(robot, "#noticeBar")
                && Decorator.getDecorations(robot.lookup("#image").query()) != null);

        onFx(() -> {
            assertThat(robot.lookup("#imageError").queryLabeled().getText()).contains("nosuchimage");
            assertThat(robot.lookup("#notice").queryLabeled().getText()).startsWith("Could not run nosuchimage: ");
            assertThat(Decorator.getDecorations(robot.lookup("#image").query())).as("ControlsFX decoration").isNotEmpty();
            assertThat(robot.lookup("#image").queryTextInputControl().getText()).isEqualTo("nosuchimage");
            assertThat(robot.lookup("#command").queryTextInputControl().getText()).isEqualTo("ping 127.0.0.1");
            assertThat(robot.lookup("#name").queryTextInputControl().getText()).isEqualTo("pinger");
            return null;
        });
        assertThat(fixture.engine().list(true)).isEmpty();

        robot.clickOn("#dismissNotice");
        waitUntil(5, () -> !visible(robot, "#noticeBar"));
    }

    @Test
    void anEmptyFormIsFlaggedAtItsFieldsWithoutRunningAnything(FxRobot robot) throws Exception {
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
        waitUntil(5, () -> !visible(robot, "#imageError") && visible(robot, "#commandError"));
    }
}
