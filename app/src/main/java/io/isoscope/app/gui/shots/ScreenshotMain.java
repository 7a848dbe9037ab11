package io.isoscope.app.gui.shots;

import javafx.application.Application;

/**
 * Entry point of the screenshot renderer ({@code installer/screenshot.sh} runs it under Xvfb): a plain class, since
 * the java launcher refuses an {@link Application} subclass as main class when JavaFX is on the class path.
 */
public final class ScreenshotMain {

    private ScreenshotMain() {
    }

    /** Renders the shots given as arguments ({@code --out=DIR}, then one per shot) and returns. */
    public static void main(String[] args) {
        Application.launch(ScreenshotApplication.class, args);
    }
}
