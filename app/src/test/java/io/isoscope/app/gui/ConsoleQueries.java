package io.isoscope.app.gui;

import io.isoscope.views.console.TerminalCanvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;

import java.util.Arrays;

/** Reads the Console tab for the GUI tests. FX thread, like {@link FxQueries}. */
final class ConsoleQueries {

    private ConsoleQueries() {
    }

    /** The terminal control. */
    static TerminalCanvas terminal(FxRobot robot) {
        return robot.lookup("#terminal").query();
    }

    /** Whether the Console tab is the one shown. */
    static boolean consoleTabShown(FxRobot robot) {
        TabPane tabs = robot.lookup("#detailTabs").query();
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return selected != null && "Console".equals(selected.getText());
    }

    /** Whether a line of the terminal shows exactly {@code text}. */
    static boolean showsLine(FxRobot robot, String text) {
        return Arrays.asList(terminal(robot).visibleText().split("\n")).contains(text);
    }

    /** The Console tab's status line. */
    static String status(FxRobot robot) {
        Label status = robot.lookup("#consoleStatus").query();
        return status.getText();
    }

    /** Clicks the Console tab's header, as a user switching to it. */
    static void openConsoleTab(FxRobot robot) {
        robot.clickOn(robot.lookup(".tab-label").queryAll().stream()
                .filter(n -> n instanceof Label l && "Console".equals(l.getText())).findFirst().orElseThrow());
    }
}
