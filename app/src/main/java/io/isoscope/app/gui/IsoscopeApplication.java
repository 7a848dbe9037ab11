package io.isoscope.app.gui;

import io.isoscope.engine.Engines;
import io.isoscope.engine.InstanceLock;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineConfig;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JavaFX application: opens the engine, shows the main window, and on exit closes the window's machinery and
 * the engine (containers keep running). The toolkit calls it on its own threads as JavaFX documents.
 */
public class IsoscopeApplication extends Application {

    private ContainerEngine engine;
    private AutoCloseable instance;
    private MainWindow window;

    /** Opens the engine and shows the window; if the engine cannot open, says why and exits. FX thread. */
    @Override
    public void start(Stage stage) {
        try {
            instance = lockInstance();
            engine = openEngine();
        } catch (RuntimeException e) {
            closeInstance();
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage() == null ? e.toString() : e.getMessage());
            alert.setTitle("Isoscope");
            alert.setHeaderText(e.getMessage() != null && e.getMessage().startsWith("Isoscope is already running")
                    ? "Isoscope is already running" : "The container engine could not start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        window = MainWindow.open(stage, engine);
    }

    /** Stops the refresh and the window's threads, then closes the engine. FX thread, once. */
    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (engine != null) {
            engine.close();
        }
        closeInstance();
    }

    /** Makes this the only app on its state directory (a second one is told who holds it). FX thread. */
    protected AutoCloseable lockInstance() {
        return InstanceLock.acquire(EngineConfig.defaultStateDir(System.getenv(), isRoot()));
    }

    private void closeInstance() {
        try {
            if (instance != null) {
                instance.close();
                instance = null;
            }
        } catch (Exception e) {
            // the OS drops the lock at exit anyway
        }
    }

    /** The engine the window drives: the real one on the default state directory. FX thread. */
    protected ContainerEngine openEngine() {
        return Engines.open(EngineConfig.at(EngineConfig.defaultStateDir(System.getenv(), isRoot())));
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            // /proc/self belongs to the process's effective uid.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
