package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.processes.ContainerProcessRow;
import io.isoscope.views.processes.HostProcessRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Run form with Hyper-V on, against real QEMU: ping only inside, and on the host its VM worker highlighted. */
class GuiHypervRunTest extends GuiTestBase {

    @Test
    void pingInAVmIsSeenInsideAndTheHostShowsItsVmwp(FxRobot robot) throws Exception {
        waitUntil(20, () -> robot.lookup("#hypervIsolation").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        robot.clickOn("#hypervIsolation");
        robot.clickOn("#command").write("ping 127.0.0.1");
        assertThat(onFx(() -> robot.lookup("#dockerLine").queryTextInputControl().getText()))
                .isEqualTo("docker run -d --isolation=hyperv busybox ping 127.0.0.1");
        robot.clickOn("#runButton");

        waitUntil(90, () -> {
            TableView<ContainerProcessRow> inside = robot.lookup("#containerProcessTable").queryTableView();
            return inside.getItems().stream().anyMatch(r -> r.nameProperty().get().equals("ping"));
        });
        ContainerInfo vm = fixture.engine().list(false).stream()
                .filter(c -> c.isolation() == Isolation.HYPERV).findFirst().orElseThrow();
        waitUntil(20, () -> {
            TableView<HostProcessRow> host = robot.lookup("#hostProcessTable").queryTableView();
            return host.getItems().stream().anyMatch(r -> r.pid() == vm.hostPid() && r.vmWorkerProperty().get());
        });

        onFx(() -> {
            TableView<HostProcessRow> host = robot.lookup("#hostProcessTable").queryTableView();
            List<HostProcessRow> workers = host.getItems().stream().filter(r -> r.vmWorkerProperty().get()).toList();
            assertThat(workers).singleElement().satisfies(w -> {
                assertThat(w.nameProperty().get()).isEqualTo("vmwp");
                assertThat(w.pid()).isEqualTo(vm.hostPid());
            });
            assertThat(robot.lookup("#verdict").queryLabeled().getText())
                    .contains("is not visible on the host: it runs in the VM behind vmwp (PID " + vm.hostPid() + ")");
            return null;
        });

        // get-process -Name ping on the host: nothing, with get-process's words.
        robot.clickOn("#hostFilter").write("ping");
        waitUntil(20, () -> robot.lookup("#hostProcessTable").queryTableView().getItems().isEmpty()
                && ((javafx.scene.control.Label) robot.lookup("#hostProcessTable").queryTableView().getPlaceholder())
                .getText().startsWith("Cannot find a process with the name \"ping\"."));
    }
}
