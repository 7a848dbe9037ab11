package io.isoscope.views.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Pops up a ControlsFX notification for each new failure notice, in a corner of the window, in addition to the
 * notice bar (which stays until dismissed): a failure in the background (a stop that did not work) is seen even
 * when the notice bar is out of mind. The keyboard stays with the window. FX thread only.
 */
public final class FailurePopups {

    /** The notification's title, by which tests and users know it. */
    public static final String TITLE = "Something went wrong";
    private static final Duration SHOWN_FOR = Duration.seconds(8);

    private FailurePopups() {
    }

    /** Shows a notification over {@code owner} whenever {@code message} changes to a new failure. FX thread only. */
    public static void follow(Window owner, ObservableStringValue message, ObservableBooleanValue dark) {
        message.addListener((obs, was, now) -> {
            if (now != null && owner.isShowing()) {
                // No close button: with one the pop-up takes the keyboard (ControlsFX issue 774); it hides by itself.
                Notifications popup = Notifications.create().owner(owner).title(TITLE).text(now)
                        .position(Pos.BOTTOM_RIGHT).hideAfter(SHOWN_FOR).hideCloseButton();
                if (dark.get()) {
                    popup.darkStyle();
                }
                popup.showError();
                letEscapeThrough(owner);
            }
        });
    }

    /**
     * A pop-up sees the window's keys first, and Esc would only hide it and stop there; with this it hides the
     * pop-up and still reaches the window (where it dismisses the notice bar).
     */
    private static void letEscapeThrough(Window owner) {
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow popup && popup.getOwnerWindow() == owner && w.getScene() != null
                    && w.getScene().getRoot().lookup(".notification-bar") != null) {
                popup.setConsumeAutoHidingEvents(false);
            }
        }
    }
}
