package io.isoscope.app.gui;

import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.settings.SettingsStore;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.util.ArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The main window over a {@link FakeContainerEngine} on TestFX's primary stage, for GUI tests of the window itself
 * (settings, panels, shortcuts, progress) that need no real container. Closing it closes every other window the
 * test opened. Not thread-safe; one per test.
 */
final class FakeEngineWindow implements AutoCloseable {

    private final FakeContainerEngine engine;
    private final FxRobot robot;
    private MainWindow window;
    private Stage stage;

    FakeEngineWindow(FakeContainerEngine engine, FxRobot robot) {
        this.engine = engine;
        this.robot = robot;
    }

    /** Opens the window with settings from {@code settings}; a second call after {@link #closeWindow()} reopens it. */
    FakeEngineWindow open(SettingsStore settings) throws TimeoutException {
        FxToolkit.setupStage(primary -> {
            stage = primary;
            window = MainWindow.open(primary, engine, settings);
        });
        return this;
    }

    /** The stage the window is on. */
    Stage stage() {
        return stage;
    }

    /**
     * Closes the window's machinery and every other window, as quitting the app does; the engine stays, and the
     * primary stage stays TestFX's, to show the next window.
     */
    void closeWindow() {
        robot.interact(() -> {
            if (window != null) {
                window.close();
                window = null;
            }
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
    }

    @Override
    public void close() {
        closeWindow();
        engine.close();
    }
}
