package io.isoscope.views.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;

/**
 * A panel of the main window in a window of its own (Readiness, Settings, Shortcuts): loaded from its FXML on first
 * use, centred over its owner, in the window's theme, closed by Esc or its own buttons, and brought to the front
 * when asked again while open. FX thread only.
 */
public final class PanelWindow {

    private final String title;
    private final URL fxml;
    private final Callback<Class<?>, Object> controllers;
    private final ObservableBooleanValue dark;
    private final boolean modal;
    private Runnable onClosed = () -> { };
    private Stage stage;

    /**
     * A panel titled {@code title} loading {@code fxml} with {@code controllers}, following {@code dark}; a
     * {@code modal} one blocks its owner while open.
     */
    public PanelWindow(String title, URL fxml, Callback<Class<?>, Object> controllers, ObservableBooleanValue dark,
                       boolean modal) {
        this.title = title;
        this.fxml = fxml;
        this.controllers = controllers;
        this.dark = dark;
        this.modal = modal;
    }

    /** Runs {@code action} whenever the panel closes, however it was closed. FX thread only. */
    public PanelWindow onClosed(Runnable action) {
        this.onClosed = action;
        return this;
    }

    /** Shows the panel over {@code owner} (or brings it to the front). FX thread only. */
    public void show(Window owner) {
        if (stage == null) {
            stage = create(owner);
        }
        if (stage.isShowing()) {
            stage.toFront();
            return;
        }
        stage.show();
        centreOver(owner);
        stage.toFront();
    }

    /** Closes the panel if it is open. FX thread only. */
    public void close() {
        if (stage != null && stage.isShowing()) {
            stage.close();
        }
    }

    /** The panel's window while it has been made. */
    public Optional<Stage> stage() {
        return Optional.ofNullable(stage);
    }

    /** Whether the panel is showing. */
    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    private Stage create(Window owner) {
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(controllers);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
        ThemeSwitch.follow(root, dark);
        Stage s = new Stage();
        s.initOwner(owner);
        if (modal) {
            s.initModality(Modality.WINDOW_MODAL);
        }
        s.setTitle(title);
        Scene scene = new Scene(root);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                s.close();
            }
        });
        s.setScene(scene);
        s.setOnHidden(e -> onClosed.run());
        return s;
    }

    private void centreOver(Window owner) {
        if (owner == null) {
            return;
        }
        stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - stage.getWidth()) / 2));
        stage.setY(owner.getY() + Math.max(0, (owner.getHeight() - stage.getHeight()) / 3));
    }
}
