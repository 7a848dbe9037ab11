package io.isoscope.views.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window-wide notices, shown by the main view as notification bars: the last engine failure (shared by the
 * ViewModels that call the engine, replaced by the next one), and the engine's warnings about what it had to repair
 * (persistent: they stay until the user dismisses them, whatever failures come and go). UI thread only.
 */
public final class Notices {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning");
    private final ReadOnlyStringWrapper warningDetail = new ReadOnlyStringWrapper(this, "warningDetail");

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

    /** The warnings to show (one paragraph each), or {@code null} when there are none. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** The details of the warnings shown (e.g. the files that could not be used), or {@code null}. */
    public ReadOnlyStringProperty warningDetailProperty() {
        return warningDetail.getReadOnlyProperty();
    }

    /** Adds a warning below any shown already; {@code detail} may be {@code null}. UI thread only. */
    public void warn(String text, String detail) {
        warning.set(warning.get() == null ? text : warning.get() + "\n" + text);
        if (detail != null) {
            warningDetail.set(warningDetail.get() == null ? detail : warningDetail.get() + "\n" + detail);
        }
    }

    /** Hides the warnings. UI thread only. */
    public void dismissWarnings() {
        warning.set(null);
        warningDetail.set(null);
    }
}
