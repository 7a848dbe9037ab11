package io.isoscope.app.gui.shots;

import io.isoscope.app.gui.IsoscopeApplication;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real app (engine, settings, window) with a scripted tour that renders the README's screenshots, then exits.
 * Parameters: {@code --out=DIR} and one argument per shot, e.g. {@code "readiness click=#readinessButton"}.
 */
public final class ScreenshotApplication extends IsoscopeApplication {

    /** Shows the window as the app does, then runs the tour over it. FX thread. */
    @Override
    public void start(Stage stage) {
        List<ShotSpec> shots = new ArrayList<>();
        for (String arg : getParameters().getUnnamed()) {
            shots.add(ShotSpec.parse(arg));
        }
        Path out = Path.of(getParameters().getNamed().getOrDefault("out", "docs/screenshots"));
        super.start(stage);
        if (stage.getScene() == null) {
            return; // the engine could not open; the app has said why and is exiting
        }
        new ScreenshotTour(stage, out, shots, System.out, failed -> {
            if (!failed.isEmpty()) {
                System.out.println("screenshots: failed: " + String.join(", ", failed));
            }
            Platform.exit();
        }).start();
    }
}
