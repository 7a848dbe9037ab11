package io.isoscope.app.gui;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.concurrent.TimeoutException;

/**
 * The main window on TestFX's primary stage over a fresh engine for each GUI test, closed after it with every
 * container the test made removed. Not thread-safe; TestFX makes one instance per test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class GuiTestBase {

    /** The engine the window shows; set before each test. */
    protected EngineFixture fixture;
    /** The stage the window is on; set before each test. */
    protected Stage stage;
    private MainWindow window;

    /** The engine to open the window over: a fresh real one unless a test needs another. Called on the FX thread. */
    protected EngineFixture openFixture() {
        return EngineFixture.open();
    }

    @BeforeEach
    void openWindow() throws TimeoutException {
        // Not @Start: TestFX looks for that only among the test class's own methods, not inherited ones. This runs
        // after ApplicationExtension has registered the primary stage, on the FX thread as @Start would.
        FxToolkit.setupStage(primary -> {
            stage = primary;
            fixture = openFixture();
            window = MainWindow.open(primary, fixture.engine());
            // The primary stage is shared by all GUI tests: one that resized it must not narrow the next one's columns,
            // nor leave it where the screen (1280 px wide under Monocle) cuts off its right edge and the buttons there.
            primary.sizeToScene();
            primary.setX(0);
            primary.setY(0);
        });
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        try {
            robot.interact(window::close);
        } finally {
            // Even when the window failed, the containers the test started must go.
            fixture.close();
        }
    }
}
