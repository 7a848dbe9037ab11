package io.isoscope.views.events;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** Whether the timeline shows the events of one type; all are shown at first. UI thread only. */
public final class EventTypeFilter {

    private final String type;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);

    EventTypeFilter(String type) {
        this.type = type;
    }

    /** The type as its badges show it, e.g. "Died". */
    public String type() {
        return type;
    }

    /** Whether events of this type are shown. */
    public BooleanProperty shownProperty() {
        return shown;
    }
}
