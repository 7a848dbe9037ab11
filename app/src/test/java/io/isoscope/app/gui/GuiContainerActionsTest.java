package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.containers.ContainerRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Stop / kill / remove from the container list, by keyboard shortcut, on a container started elsewhere. */
class GuiContainerActionsTest extends GuiTestBase {

    @Test
    void shortcutsKillAndRemoveTheSelectedContainer(FxRobot robot) throws Exception {
        ContainerInfo sleeper = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("sleeper"));
        waitUntil(20, () -> table(robot).getItems().stream().anyMatch(r -> r.id().equals(sleeper.id())));
        assertThat(onFx(() -> robot.lookup("#stopButton").queryButton().isDisabled()))
                .as("nothing selected yet").isTrue();

        robot.clickOn("sleeper");
        waitUntil(5, () -> !robot.lookup("#killButton").queryButton().isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);

        waitUntil(20, () -> fixture.engine().inspect(sleeper.id()).state() == ContainerState.EXITED
                && table(robot).getItems().get(0).stateProperty().get().startsWith("exited"));
        assertThat(onFx(() -> robot.lookup("#stopButton").queryButton().isDisabled()))
                .as("an exited container cannot be stopped").isTrue();

        robot.clickOn("#containerTable");
        robot.type(KeyCode.DELETE);
        waitUntil(20, () -> fixture.engine().list(true).isEmpty() && table(robot).getItems().isEmpty());
    }

    private static TableView<ContainerRow> table(FxRobot robot) {
        return robot.lookup("#containerTable").queryTableView();
    }
}
