package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.events.EventRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Events tab on a real container's life: the timeline, and filtering it. */
class GuiEventsTest extends GuiTestBase {

    private static TableView<EventRow> table(FxRobot robot) {
        return robot.lookup("#eventTable").queryTableView();
    }

    /** "Type name" of each event shown, newest first; FX thread. */
    private static List<String> shown(FxRobot robot) {
        return table(robot).getItems().stream().map(r -> r.type() + " " + r.name()).toList();
    }

    @Test
    void aContainersLifeIsShownAsItHappensAndStaysAfterItIsRemoved(FxRobot robot) throws Exception {
        DetailTabs.open(robot, "Events");
        waitUntil(10, () -> ((Label) table(robot).getPlaceholder()).getText().startsWith("No events yet"));

        ContainerInfo web = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("web"));
        waitUntil(10, () -> shown(robot).equals(List.of("Started web", "Created web")));
        fixture.engine().stop(web.id(), Duration.ofSeconds(1));
        fixture.engine().remove(web.id(), false);

        waitUntil(10, () -> shown(robot).containsAll(List.of("Removed web", "Stopped web", "Died web",
                "Started web", "Created web")));
        List<String> all = onFx(() -> shown(robot));
        assertThat(all.get(0)).isEqualTo("Removed web");
        assertThat(all.get(all.size() - 1)).isEqualTo("Created web");
        EventRow died = onFx(() -> table(robot).getItems().stream().filter(r -> r.type().equals("Died"))
                .findFirst().orElseThrow());
        assertThat(died.detail()).startsWith("exit code ");
        assertThat(died.shortId()).isEqualTo(web.shortId());
        // The badge is drawn.
        waitUntil(5, () -> robot.from(table(robot)).lookup(".badge-died").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#eventSummary").queryLabeled().getText())).isEqualTo(all.size() + " events");
    }

    @Test
    void theTimelineFiltersByTypeTextAndSelectedContainer(FxRobot robot) throws Exception {
        ContainerInfo one = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "exit 3").withName("one"));
        fixture.engine().awaitExit(one.id(), Duration.ofSeconds(10));
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("two"));
        DetailTabs.open(robot, "Events");
        waitUntil(10, () -> shown(robot).containsAll(List.of("Died one", "Started two", "Created two")));

        robot.clickOn("#eventTypeStarted");
        robot.clickOn("#eventTypeCreated");
        waitUntil(5, () -> shown(robot).stream().noneMatch(s -> s.startsWith("Started") || s.startsWith("Created"))
                && shown(robot).contains("Died one"));

        robot.clickOn("#eventTypeStarted");
        robot.clickOn("#eventTypeCreated");
        robot.clickOn("#eventSearch").write("exit code 3");
        waitUntil(5, () -> shown(robot).equals(List.of("Died one")));
        FxQueries.retype(robot, "#eventSearch", "");

        robot.clickOn("#eventsOnlySelected");
        waitUntil(5, () -> shown(robot).isEmpty() && ((Label) table(robot).getPlaceholder()).getText()
                .equals("Select a container to see only its events"));
        DetailTabs.select(robot, "two");
        waitUntil(5, () -> shown(robot).equals(List.of("Started two", "Created two")));
    }
}
