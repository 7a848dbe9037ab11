package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.processes.ContainerProcessRow;
import io.isoscope.views.processes.HostProcessRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;

import static io.isoscope.app.gui.FxQueries.mappedRows;
import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The composed window, driven like a user: run ping from the form and see it on both sides. */
class GuiRunFlowTest extends GuiTestBase {

    @Test
    void pingRunFromTheFormIsHighlightedInBothTablesWithMatchingPids(FxRobot robot) throws Exception {
        assertThat(onFx(() -> robot.lookup(".empty-state").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList()))
                .contains("No containers yet — run one with the form");

        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .as("busybox, the built-in image, is the default").isEqualTo("docker run -d busybox");
        assertThat(onFx(() -> robot.lookup("#image").queryComboBox().getItems())).contains("busybox");
        robot.clickOn("#command").write("ping 127.0.0.1");
        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .isEqualTo("docker run -d busybox ping 127.0.0.1");
        robot.clickOn("#runButton");

        waitUntil(20, () -> {
            TableView<ContainerRow> containers = robot.lookup("#containerTable").queryTableView();
            return containers.getItems().stream().anyMatch(r -> r.imageProperty().get().startsWith("busybox")
                    && r.runningProperty().get());
        });
        waitUntil(20, () -> mappedRows(robot, "#containerProcessTable").stream()
                .anyMatch(r -> ((ContainerProcessRow) r.getItem()).nameProperty().get().equals("ping"))
                && mappedRows(robot, "#hostProcessTable").stream()
                .anyMatch(r -> ((HostProcessRow) r.getItem()).nameProperty().get().equals("ping")));

        onFx(() -> {
            List<TableRow<ContainerProcessRow>> inside = mappedRows(robot, "#containerProcessTable");
            List<TableRow<HostProcessRow>> host = mappedRows(robot, "#hostProcessTable");
            ContainerProcessRow ping = inside.stream().map(TableRow::getItem)
                    .filter(r -> r.nameProperty().get().equals("ping")).findFirst().orElseThrow();
            HostProcessRow hostPing = host.stream().map(TableRow::getItem)
                    .filter(r -> r.pid() == ping.hostPidProperty().get()).findFirst().orElseThrow();
            assertThat(hostPing.nameProperty().get()).isEqualTo("ping");
            assertThat(hostPing.containerPidProperty().get()).isEqualTo(ping.containerPid());
            assertThat(robot.lookup("#mapping").queryLabeled().getText())
                    .contains("container PID " + ping.containerPid() + " = host PID " + hostPing.pid());
            assertThat(robot.lookup("#verdict").queryLabeled().getText()).contains("the host kernel runs it");
            return null;
        });

        List<ContainerInfo> running = fixture.engine().list(false);
        assertThat(running).singleElement().satisfies(c -> assertThat(c.command()).containsExactly("ping", "127.0.0.1"));
        assertThat(onFx(() -> robot.lookup("#containerTable").queryTableView().getSelectionModel().getSelectedItem()))
                .as("the new container is selected")
                .extracting(r -> ((ContainerRow) r).id()).isEqualTo(running.get(0).id());
        assertThat(onFx(() -> visible(robot, "#noticeBar"))).isFalse();

        robot.clickOn("#removeButton");
        waitUntil(20, () -> fixture.engine().list(true).isEmpty()
                && robot.lookup("#containerTable").queryTableView().getItems().isEmpty());
    }
}
