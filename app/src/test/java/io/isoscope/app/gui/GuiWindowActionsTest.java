package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.FailurePopups;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.processes.HostProcessRow;
import io.isoscope.views.settings.Settings;
import io.isoscope.views.settings.SettingsStore;
import io.isoscope.views.settings.Theme;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

/**
 * The window's own actions over a fake engine: keyboard shortcuts, the progress of a slow start, the failure
 * notification, and copying a readiness fix.
 */
@ExtendWith(ApplicationExtension.class)
class GuiWindowActionsTest {

    /** A fake whose runc is missing with a command as its fix, and whose starts wait for the test. */
    private static final class Engine extends FakeContainerEngine {
        @Override
        public synchronized List<RuntimeReadiness> readiness() {
            return List.of(new RuntimeReadiness(Isolation.PROCESS, false, null,
                            "runc is not installed (not found in PATH or /usr/sbin)", "apt-get install -y runc"),
                    new RuntimeReadiness(Isolation.HYPERV, true, "qemu (fake)", null, null));
        }
    }

    private final Engine engine = new Engine();
    private FakeEngineWindow window;

    private FakeEngineWindow open(FxRobot robot, SettingsStore settings) throws Exception {
        window = new FakeEngineWindow(engine, robot).open(settings);
        return window;
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private static Optional<Node> anywhere(String selector) {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().lookup(selector))
                .filter(n -> n != null).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Optional<ContainerRow> row(FxRobot robot, String name) {
        TableView<ContainerRow> table = robot.lookup("#containerTable").query();
        return table.getItems().stream().filter(r -> r.nameProperty().get().equals(name)).findFirst();
    }

    @Test
    void ctrlEnterRunsTheFormFromAnywhereAndTheOtherShortcutsOpenWhatTheySay(FxRobot robot) throws Exception {
        open(robot, SettingsStore.inMemory());
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#name").write("keyed");
        robot.clickOn("#containerTable");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        waitUntil(10, () -> row(robot, "keyed").map(r -> r.stateProperty().get().equals("running")).orElse(false));
        assertThat(engine.calls()).contains("create busybox;start keyed;");

        robot.press(KeyCode.F1).release(KeyCode.F1);
        waitUntil(10, () -> anywhere(".shortcut-table").isPresent());
        List<String> listed = onFx(() -> anywhere(".shortcut-table").orElseThrow().lookupAll(".shortcut-keys").stream()
                .map(n -> ((Labeled) n).getText()).toList());
        assertThat(listed).contains("Ctrl+Enter", "Ctrl+S", "Ctrl+K", "F5", "Ctrl+I", "F1", "Esc");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(10, () -> anywhere(".shortcut-table").isEmpty());

        robot.clickOn("#containerTable");
        robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitUntil(10, () -> anywhere("#readiness-process-isolation").isPresent());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(10, () -> anywhere("#checkAgain").isEmpty());

        robot.clickOn("#containerTable");
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(10, () -> anywhere("#saveSettings").isPresent());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(10, () -> anywhere("#saveSettings").isEmpty());

        robot.clickOn("#containerTable");
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntil(10, () -> row(robot, "keyed").map(r -> r.stateProperty().get().equals("exited (137)")).orElse(false));
    }

    @Test
    void f5RefreshesAtOnceWhatChangedWithoutAnEvent(FxRobot robot) throws Exception {
        SettingsStore slow = SettingsStore.inMemory();
        slow.save(new Settings(Isolation.PROCESS, 10, 128, 1, "", "", "", Theme.LIGHT));
        open(robot, slow);
        waitUntil(10, () -> !robot.lookup("#hostProcessTable").queryTableView().getItems().isEmpty());
        engine.addHostProcess(4242, "appeared-quietly");

        robot.clickOn("#containerTable");
        robot.press(KeyCode.F5).release(KeyCode.F5);

        waitUntil(5, () -> robot.lookup("#hostProcessTable").<HostProcessRow>queryTableView().getItems().stream()
                .anyMatch(r -> r.nameProperty().get().equals("appeared-quietly")));
    }

    @Test
    void ctrlDigitShowsThatTab(FxRobot robot) throws Exception {
        open(robot, SettingsStore.inMemory());
        TabPane tabs = robot.lookup("#detailTabs").query();
        int last = onFx(() -> Math.min(9, tabs.getTabs().size()) - 1);
        robot.clickOn("#containerTable");

        robot.press(KeyCode.CONTROL, KeyCode.getKeyCode(Integer.toString(last + 1)))
                .release(KeyCode.getKeyCode(Integer.toString(last + 1)), KeyCode.CONTROL);
        waitUntil(5, () -> tabs.getSelectionModel().getSelectedIndex() == last);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitUntil(5, () -> tabs.getSelectionModel().getSelectedIndex() == 0);
        assertThat(onFx(() -> tabs.getTabs().get(0).getTooltip().getText())).contains("(Ctrl+1)");
    }

    @Test
    void aSlowStartShowsItsProgressOnTheButtonAndInTheRow(FxRobot robot) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        engine.withStartGate(gate);
        open(robot, SettingsStore.inMemory());
        robot.clickOn("#command").write("ping 127.0.0.1");
        robot.clickOn("#name").write("slowpoke");

        try {
            robot.clickOn("#runButton");

            waitUntil(10, () -> row(robot, "slowpoke").map(r -> r.stateProperty().get().equals("starting…")).orElse(false));
            onFx(() -> {
                assertThat(robot.lookup("#busy").query().isVisible()).as("spinner").isTrue();
                assertThat(robot.lookup("#runButton").queryButton().getText()).isEqualTo("Starting…");
                assertThat(robot.lookup("#runButton").queryButton().isDisabled()).isTrue();
                assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("Starting slowpoke…");
                assertThat(robot.lookup("#removeButton").queryButton().isDisabled()).as("no action while it starts").isTrue();
                return null;
            });
        } finally {
            gate.countDown();
        }

        waitUntil(10, () -> row(robot, "slowpoke").map(r -> r.stateProperty().get().equals("running")).orElse(false)
                && !visible(robot, "#busy"));
        assertThat(onFx(() -> robot.lookup("#runButton").queryButton().getText())).isEqualTo("Run");
        assertThat(onFx(() -> robot.lookup("#status").queryLabeled().getText())).startsWith("Started slowpoke (");
    }

    @Test
    void aFailureAlsoPopsUpANotification(FxRobot robot) throws Exception {
        open(robot, SettingsStore.inMemory());
        robot.clickOn("#image").eraseText(7).write("nosuchimage");
        robot.clickOn("#command").write("ping 127.0.0.1");

        robot.clickOn("#runButton");

        waitUntil(10, () -> visible(robot, "#noticeBar") && anywhere(".notification-bar").isPresent());
        String popup = onFx(() -> anywhere(".notification-bar").orElseThrow().lookupAll(".label").stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null).reduce("", (a, b) -> a + "\n" + b));
        assertThat(popup).contains(FailurePopups.TITLE).contains("Could not run nosuchimage: No such image: nosuchimage:latest");

        // The pop-up does not swallow Esc: it goes, and so does the notice bar.
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(10, () -> !visible(robot, "#noticeBar") && anywhere(".notification-bar").isEmpty());
    }

    @Test
    void theFixOfAMissingPieceIsCopiedToTheClipboard(FxRobot robot) throws Exception {
        open(robot, SettingsStore.inMemory());
        robot.clickOn("#readinessButton");
        waitUntil(10, () -> anywhere("#readiness-process-isolation .copy-fix").isPresent());
        Node card = onFx(() -> anywhere("#readiness-process-isolation").orElseThrow());
        assertThat(onFx(() -> card.lookup(".fix-command") instanceof javafx.scene.control.TextField f ? f.getText() : null))
                .isEqualTo("apt-get install -y runc");

        robot.clickOn(onFx(() -> card.lookup(".copy-fix")));

        waitUntil(5, () -> "Copied".equals(((Button) card.lookup(".copy-fix")).getText()));
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("apt-get install -y runc");
    }

    @Test
    void emptyStatesSayWhatToDo(FxRobot robot) throws Exception {
        open(robot, SettingsStore.inMemory());
        waitUntil(10, () -> robot.lookup("#containerTable .placeholder .label").tryQuery()
                .map(n -> ((Labeled) n).getText().startsWith("No containers yet — run one with the form")).orElse(false));
        assertThat(onFx(() -> robot.lookup("#noSelectionHint").query().isVisible())).as("nothing to select yet").isFalse();

        engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withName("done"));
        engine.exit("done", 0);

        waitUntil(10, () -> row(robot, "done").isPresent() && visible(robot, "#noSelectionHint"));
        assertThat(onFx(() -> robot.lookup("#noSelectionHint").queryLabeled().getText()))
                .startsWith("Select a container in the list above: the tabs below then show its processes");
        waitUntil(10, () -> robot.lookup("#containerTable .table-cell").match(hasText("done")).tryQuery().isPresent());
        robot.clickOn((Node) robot.lookup("#containerTable .table-cell").match(hasText("done")).query());
        waitUntil(10, () -> !visible(robot, "#noSelectionHint"));
    }
}
