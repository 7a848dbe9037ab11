package io.isoscope.views.walkthrough;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One line of the walkthrough's step overview: number, title and where it stands. UI thread only. */
public final class StepRow {

    private final int number;
    private final String title;
    private final ReadOnlyObjectWrapper<StepStatus> status = new ReadOnlyObjectWrapper<>(this, "status", StepStatus.PENDING);

    StepRow(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /** 1-based position in the scenario. */
    public int number() {
        return number;
    }

    /** The step's heading. */
    public String title() {
        return title;
    }

    /** Where it stands. */
    public ReadOnlyObjectProperty<StepStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    void setStatus(StepStatus value) {
        status.set(value);
    }
}
