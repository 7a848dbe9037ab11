package io.isoscope.app.gui;

import javafx.application.Application;

/**
 * Entry point of the GUI. A plain class on purpose: the java launcher refuses a main class that extends
 * {@link Application} when JavaFX is on the class path, so this one launches {@link IsoscopeApplication}.
 */
public final class GuiMain {

    private GuiMain() {
    }

    /** Starts the toolkit and opens the main window; returns when the window is closed. Call from main only. */
    public static void run(String[] args) {
        Application.launch(IsoscopeApplication.class, args);
    }
}
