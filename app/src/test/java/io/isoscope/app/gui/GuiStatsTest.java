package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Stats tab against real containers: numbers and a chart appear while it is open, and it says when they cannot. */
class GuiStatsTest extends GuiTestBase {

    @Test
    void aBusyContainersCpuMemoryAndLimitAppearAndTheChartGrows(FxRobot robot) throws Exception {
        robot.clickOn("Stats");
        waitUntil(10, () -> visible(robot, "#statsPlaceholder")
                && text(robot, "#statsPlaceholder").equals("Select a running container to see its CPU and memory use"));

        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "while :; do :; done")
                .withName("busy").withLimits(64, 0));
        waitUntil(20, () -> robot.lookup("#containerTable").queryTableView().getItems().size() == 1);
        robot.clickOn("busy");

        waitUntil(20, () -> visible(robot, "#statsContent") && text(robot, "#statsCpu").endsWith(" %"));
        waitUntil(20, () -> cpuPoints(robot) >= 2);
        onFx(() -> {
            assertThat(text(robot, "#statsTitle")).isEqualTo("Usage of busy (Process isolation)");
            assertThat(Double.parseDouble(text(robot, "#statsCpu").replace(" %", ""))).as("a busy loop").isGreaterThan(10);
            assertThat(text(robot, "#statsMemory")).matches("[0-9.]+ (B|KiB|MiB) / 64\\.0 MiB");
            assertThat(text(robot, "#statsMemoryCaption")).endsWith("% of the limit · without page cache");
            ProgressBar bar = robot.lookup("#statsMemoryBar").query();
            assertThat(bar.isVisible()).isTrue();
            assertThat(bar.getHeight()).as("the tiles keep their height").isPositive();
            assertThat(bar.getProgress()).isBetween(0.0, 1.0);
            assertThat(text(robot, "#statsPids")).isEqualTo("1");
            assertThat(text(robot, "#statsSource")).startsWith("Read from the cgroup v");
            assertThat(visible(robot, "#statsGuest")).isFalse();
            return null;
        });

        // Stopped, it says so instead of showing stale numbers.
        fixture.engine().kill("busy");
        waitUntil(20, () -> visible(robot, "#statsPlaceholder")
                && text(robot, "#statsPlaceholder").startsWith("busy is not running"));
    }

    @Test
    void aVmShowsItsWorkerAndTheGuestsLine(FxRobot robot) throws Exception {
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c", "while :; do :; done")
                .withName("vm"));
        waitUntil(20, () -> robot.lookup("#containerTable").queryTableView().getItems().size() == 1);
        robot.clickOn("vm");
        robot.clickOn("Stats");

        waitUntil(60, () -> visible(robot, "#statsContent") && visible(robot, "#statsGuest")
                && text(robot, "#statsGuest").matches("Inside the VM, as the guest counts them: [0-9.]+ % CPU .*in 1 process"));
        onFx(() -> {
            assertThat(text(robot, "#statsMemory")).endsWith(" / 128.0 MiB");
            assertThat(text(robot, "#statsMemoryCaption")).startsWith("the VM worker's resident set");
            assertThat(text(robot, "#statsSource")).startsWith("Read from the vmwp process + guest");
            LineChart<?, ?> chart = robot.lookup("#statsCpuChart").query();
            assertThat(chart.getData()).extracting(s -> s.getName()).containsExactly("vmwp", "in the guest");
            return null;
        });
    }

    private static String text(FxRobot robot, String query) {
        Label label = robot.lookup(query).query();
        return label.getText();
    }

    private static int cpuPoints(FxRobot robot) {
        LineChart<?, ?> chart = robot.lookup("#statsCpuChart").query();
        return chart.getData().get(0).getData().size();
    }
}
