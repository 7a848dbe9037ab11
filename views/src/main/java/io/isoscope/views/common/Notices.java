package io.isoscope.views.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window-wide notice about the last engine failure, shared by the ViewModels that call the engine and shown by
 * the main view as a notification bar. UI thread only.
 */
public final class Notices {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");

    /** The notice to show, or {@code null} when there is none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Shows {@code text}, replacing any earlier notice. UI thread only. */
    public void show(String text) {
        message.set(text);
    }

    /** Hides the notice. UI thread only. */
    public void dismiss() {
        message.set(null);
    }
}
