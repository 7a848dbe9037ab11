package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.details.PropertyRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;
import java.util.Optional;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Details tab on a real container: its id and state, its environment and limits as properties, inspect's JSON,
 * both copied.
 */
class GuiDetailsTest extends GuiTestBase {

    private static TableView<PropertyRow> properties(FxRobot robot) {
        return robot.lookup("#detailsProperties").queryTableView();
    }

    /** The value of property {@code name}; FX thread. */
    private static Optional<String> value(FxRobot robot, String name) {
        return properties(robot).getItems().stream().filter(r -> !r.header() && r.name().equals(name))
                .map(PropertyRow::value).findFirst();
    }

    @Test
    void theSelectedContainersPropertiesAndJsonFollowItsState(FxRobot robot) throws Exception {
        // A memory limit but no CPU limit: one of each way a limit is shown.
        ContainerInfo sleeper = fixture.engine().run(new ContainerSpec("busybox", List.of("sleep", "600"), "sleeper",
                Isolation.PROCESS, List.of("GREETING=hello from -e"), false, 64, 0));
        DetailTabs.open(robot, "Details");
        assertThat(onFx(() -> robot.lookup("#inspectJsonPlaceholder").queryLabeled().getText()))
                .isEqualTo("Select a container to see its details");
        DetailTabs.select(robot, "sleeper");

        waitUntil(10, () -> value(robot, "ID").filter(sleeper.id()::equals).isPresent());
        assertThat(onFx(() -> value(robot, "State"))).contains("running");
        assertThat(onFx(() -> value(robot, "Host PID"))).hasValueSatisfying(
                v -> assertThat(v).startsWith(sleeper.hostPid() + " "));
        waitUntil(10, () -> value(robot, "Log file").filter(v -> v.endsWith("/log") || v.contains(sleeper.id())).isPresent());
        assertThat(onFx(() -> value(robot, "Memory"))).contains("64 MiB");
        assertThat(onFx(() -> value(robot, "CPUs"))).contains("unlimited");
        assertThat(onFx(() -> value(robot, "Processes"))).contains(Integer.toString(ContainerSpec.DEFAULT_PIDS_LIMIT));
        assertThat(onFx(() -> value(robot, "GREETING"))).contains("hello from -e");
        // What the table draws, scrolled to the environment: the variable's name and value in cells.
        robot.interact(() -> properties(robot).scrollTo(properties(robot).getItems().stream()
                .filter(r -> r.name().equals("GREETING")).findFirst().orElseThrow()));
        waitUntil(15, () -> robot.from(properties(robot)).lookup("hello from -e").tryQuery().isPresent()
                && robot.from(properties(robot)).lookup("Environment").tryQuery().isPresent());
        robot.interact(() -> properties(robot).scrollTo(0));
        String json = onFx(() -> robot.lookup("#inspectJson").queryAs(TextArea.class).getText());
        assertThat(json).isEqualTo(InspectDocument.of(fixture.engine().inspect(sleeper.id())).json());
        // What the table draws: the headings and the id in a cell.
        waitUntil(15, () -> robot.from(properties(robot)).lookup(sleeper.id()).tryQuery().isPresent()
                && robot.from(properties(robot)).lookup("State").tryQuery().isPresent());

        robot.clickOn("#copyJson");
        assertThat(DetailTabs.clipboard()).isEqualTo(json);
        robot.clickOn("#copyProperties");
        assertThat(DetailTabs.clipboard()).startsWith("General\n  Name: sleeper\n  ID: " + sleeper.id() + "\n");

        fixture.engine().kill(sleeper.id());
        waitUntil(20, () -> value(robot, "State").filter("exited (137)"::equals).isPresent()
                && robot.lookup("#inspectJson").queryAs(TextArea.class).getText().contains("\"exitCode\": 137"));
    }
}
