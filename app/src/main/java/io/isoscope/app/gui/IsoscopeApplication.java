package io.isoscope.app.gui;

import io.isoscope.engine.Engines;
import io.isoscope.engine.InstanceLock;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.views.settings.Settings;
import io.isoscope.views.settings.SettingsFile;
import io.isoscope.views.settings.SettingsStore;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The JavaFX application: opens the engine, shows the main window, and on exit closes the window's machinery and
 * the engine (containers keep running). The toolkit calls it on its own threads as JavaFX documents.
 */
public class IsoscopeApplication extends Application {

    private ContainerEngine engine;
    private AutoCloseable instance;
    private MainWindow window;
    /** The app's preferences; read before the engine opens, since they may name its tools. */
    private SettingsStore settings;

    /** Opens the engine and shows the window; if the engine cannot open, says why and exits. FX thread. */
    @Override
    public void start(Stage stage) {
        settings = openSettings();
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
        window = MainWindow.open(stage, engine, settings);
    }

    /**
     * The settings file ({@code $ISOSCOPE_SETTINGS}, else {@code ~/.config/isoscope/settings.json}); a damaged one
     * is reported in the window, never fatal. FX thread.
     */
    protected SettingsStore openSettings() {
        return new SettingsFile(SettingsFile.defaultPath(System.getenv(), Path.of(System.getProperty("user.home"))),
                Clock.systemUTC());
    }

    /** The settings read by {@link #start}; the engine's tools come from them. */
    protected final Settings settings() {
        return settings.load().settings();
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

    /**
     * The engine the window drives: the real one on the default state directory, with the tools the environment
     * names ({@code ISOSCOPE_RUNC}, {@code ISOSCOPE_QEMU}, {@code ISOSCOPE_GUEST_DIR}) unless the settings name
     * others. FX thread.
     */
    protected ContainerEngine openEngine() {
        Settings s = settings();
        return Engines.open(EngineConfig.fromEnvironment(System.getenv(), isRoot())
                .withPaths(pathOrNull(s.runcPath()), pathOrNull(s.qemuPath()), pathOrNull(s.guestDir())));
    }

    private static Path pathOrNull(String text) {
        return text.isBlank() ? null : Path.of(text);
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
