package io.isoscope.app.gui;

import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ThemeSwitch;
import io.isoscope.views.settings.SettingsFile;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.retype;
import static io.isoscope.app.gui.FxQueries.visible;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Settings dialog: saved settings survive a restart of the window, the theme switches at once, a bad file is said. */
@ExtendWith(ApplicationExtension.class)
class GuiSettingsTest {

    @TempDir
    Path dir;

    private FakeEngineWindow window;

    private Path file() {
        return dir.resolve("config").resolve("settings.json");
    }

    private FakeEngineWindow open(FxRobot robot) throws Exception {
        if (window == null) {
            window = new FakeEngineWindow(new FakeContainerEngine().withHyperv(true), robot);
        }
        return window.open(new SettingsFile(file(), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private Parent root() {
        return window.stage().getScene().getRoot();
    }

    private static boolean dark(Parent root) {
        return root.getStyleClass().contains(ThemeSwitch.DARK_CLASS) && root.getStylesheets().contains(ThemeSwitch.DARK_STYLESHEET);
    }

    private static boolean settingsOpen(FxRobot robot) {
        return !robot.lookup("#saveSettings").tryQuery().isEmpty() && robot.lookup("#saveSettings").query().getScene().getWindow().isShowing();
    }

    @Test
    void savedSettingsAreReadByTheNextStartOfTheWindow(FxRobot robot) throws Exception {
        open(robot);
        robot.clickOn("#settingsButton");
        waitUntil(10, () -> settingsOpen(robot));
        retype(robot, "#refreshSeconds", "2.5");
        retype(robot, "#vmMemory", "256");
        robot.interact(() -> robot.lookup("#defaultIsolation").<ChoiceBox<String>>query().setValue("Hyper-V"));
        robot.clickOn("#darkTheme");
        robot.clickOn("#saveSettings");
        waitUntil(10, () -> !settingsOpen(robot));
        assertThat(Files.readString(file())).contains("\"refreshSeconds\" : 2.5", "\"memoryMiB\" : 256", "\"theme\" : \"dark\"");

        window.closeWindow();
        open(robot);

        waitUntil(10, () -> dark(root()));
        // The Run form starts with the saved defaults once Hyper-V is known to run.
        waitUntil(10, () -> robot.lookup("#hypervIsolation").<ToggleButton>query().isSelected()
                && "256m".equals(robot.lookup("#memory").queryTextInputControl().getText()));
        robot.clickOn("#settingsButton");
        waitUntil(10, () -> settingsOpen(robot));
        onFx(() -> {
            assertThat(robot.lookup("#refreshSeconds").queryTextInputControl().getText()).isEqualTo("2.5");
            assertThat(robot.lookup("#defaultIsolation").<ChoiceBox<String>>query().getValue()).isEqualTo("Hyper-V");
            assertThat(robot.lookup("#darkTheme").<ToggleButton>query().isSelected()).isTrue();
            assertThat(robot.lookup("#storedAt").queryLabeled().getText()).isEqualTo("Stored in " + file());
            return null;
        });
    }

    @Test
    void hostColumnsHiddenOrShownWithTheColumnMenuStaySoAfterARestart(FxRobot robot) throws Exception {
        open(robot);
        assertThat(onFx(() -> shownHostColumns(robot))).contains("User").doesNotContain("Threads", "VM size", "SI");

        toggleHostColumn(robot, "User");
        toggleHostColumn(robot, "Threads");
        waitUntil(10, () -> Files.exists(file()) && !Files.readString(file()).contains("\"THREADS\"")
                && Files.readString(file()).contains("\"USER\""));

        window.closeWindow();
        open(robot);

        waitUntil(10, () -> shownHostColumns(robot).contains("Threads"));
        assertThat(onFx(() -> shownHostColumns(robot))).doesNotContain("User", "VM size", "SI");
    }

    /** Clicks the host table's column menu (+) and the item of {@code column} in it, as a user shows or hides one. */
    private static void toggleHostColumn(FxRobot robot, String column) throws Exception {
        robot.clickOn(robot.lookup("#hostProcessTable .show-hide-columns-button").queryAs(Region.class));
        waitUntil(5, () -> robot.lookup(".context-menu .label").match(n -> column.equals(((Labeled) n).getText()))
                .tryQuery().isPresent());
        robot.clickOn(robot.lookup(".context-menu .label").match(n -> column.equals(((Labeled) n).getText()))
                .queryAs(Labeled.class));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    /** The host table's visible columns, by heading. FX thread. */
    private static List<String> shownHostColumns(FxRobot robot) {
        return robot.lookup("#hostProcessTable").queryTableView().getVisibleLeafColumns().stream()
                .map(TableColumnBase::getText).toList();
    }

    @Test
    void theDarkThemeAppliesAtOnceToTheWindowAndItsPanelsAndCancelUndoesIt(FxRobot robot) throws Exception {
        open(robot);
        Color light = onFx(() -> background(root()));
        robot.clickOn("#settingsButton");
        waitUntil(10, () -> settingsOpen(robot));

        robot.clickOn("#darkTheme");

        waitUntil(5, () -> dark(root()));
        Parent dialog = onFx(() -> robot.lookup("#saveSettings").query().getScene().getRoot());
        assertThat(onFx(() -> dark(dialog))).as("the open dialog follows too").isTrue();
        Color darkBackground = onFx(() -> background(root()));
        assertThat(darkBackground.getBrightness()).isLessThan(0.2);
        assertThat(light.getBrightness()).isGreaterThan(0.8);

        robot.clickOn("#cancelSettings");
        waitUntil(5, () -> !dark(root()) && !settingsOpen(robot));
        assertThat(Files.exists(file())).as("Cancel saves nothing").isFalse();

        robot.clickOn("#settingsButton");
        waitUntil(10, () -> settingsOpen(robot));
        robot.clickOn("#darkTheme").clickOn("#saveSettings");
        waitUntil(5, () -> dark(root()) && !settingsOpen(robot));
        robot.clickOn("#readinessButton");
        waitUntil(10, () -> Window.getWindows().stream().filter(Window::isShowing)
                .anyMatch(w -> w.getScene().lookup("#checkAgain") != null && dark(w.getScene().getRoot())));
    }

    @Test
    void aWrongValueIsNamedAndSaveStaysOff(FxRobot robot) throws Exception {
        open(robot);
        robot.clickOn("#settingsButton");
        waitUntil(10, () -> settingsOpen(robot));

        retype(robot, "#refreshSeconds", "30");

        waitUntil(5, () -> visible(robot, "#refreshError") && robot.lookup("#saveSettings").query().isDisabled());
        assertThat(onFx(() -> robot.lookup("#refreshError").queryLabeled().getText()))
                .isEqualTo("Refresh: a number of seconds from 0.5 to 10, e.g. 1 or 0.5");
        retype(robot, "#refreshSeconds", "0.5");
        waitUntil(5, () -> !visible(robot, "#refreshError") && !robot.lookup("#saveSettings").query().isDisabled());
    }

    @Test
    void aCorruptSettingsFileIsSaidInTheWindowWhichOpensWithTheDefaults(FxRobot robot) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "theme = dark");

        open(robot);

        waitUntil(10, () -> visible(robot, "#warningBar"));
        assertThat(onFx(() -> robot.lookup("#warning").queryLabeled().getText()))
                .contains("The settings file " + file() + " could not be used").contains("moved aside");
        assertThat(onFx(() -> dark(root()))).isFalse();
        try (var aside = Files.list(file().getParent())) {
            assertThat(aside.map(p -> p.getFileName().toString())).singleElement().asString()
                    .startsWith("settings.json.corrupt-");
        }
    }

    private static Color background(Parent root) {
        return (Color) ((Region) root).getBackground().getFills().get(0).getFill();
    }
}
