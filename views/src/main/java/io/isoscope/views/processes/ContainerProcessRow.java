package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerProcess;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One process as seen inside the selected container ({@code docker top}), keyed by its container PID and
 * updated in place on every refresh. UI thread only.
 */
public final class ContainerProcessRow {

    private final ReadOnlyLongWrapper containerPid = new ReadOnlyLongWrapper(this, "containerPid");
    private final ReadOnlyObjectWrapper<Long> hostPid = new ReadOnlyObjectWrapper<>(this, "hostPid");
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(this, "user");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyDoubleWrapper cpuSeconds = new ReadOnlyDoubleWrapper(this, "cpuSeconds");
    private final ReadOnlyLongWrapper rssBytes = new ReadOnlyLongWrapper(this, "rssBytes");
    private final ReadOnlyStringWrapper commandLine = new ReadOnlyStringWrapper(this, "commandLine");
    private final ReadOnlyBooleanWrapper mapped = new ReadOnlyBooleanWrapper(this, "mapped");

    ContainerProcessRow(ContainerProcess p) {
        containerPid.set(p.containerPid());
        update(p);
    }

    /** Takes the values of a newer sample of the same process. */
    void update(ContainerProcess p) {
        hostPid.set(p.hostPid());
        user.set(p.user());
        name.set(p.name());
        cpuSeconds.set(p.cpuSeconds());
        rssBytes.set(p.rssBytes());
        commandLine.set(p.commandLine());
    }

    void setMapped(boolean value) {
        mapped.set(value);
    }

    /** PID inside the container; never changes. */
    public long containerPid() {
        return containerPid.get();
    }

    /** PID inside the container, as a property for a table column. */
    public ReadOnlyLongProperty containerPidProperty() {
        return containerPid.getReadOnlyProperty();
    }

    /** The same process's host PID, or {@code null} where the host cannot see it. */
    public ReadOnlyObjectProperty<Long> hostPidProperty() {
        return hostPid.getReadOnlyProperty();
    }

    /** User as seen inside. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** Short process name. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** User + system CPU seconds. */
    public ReadOnlyDoubleProperty cpuSecondsProperty() {
        return cpuSeconds.getReadOnlyProperty();
    }

    /** Resident set size in bytes. */
    public ReadOnlyLongProperty rssBytesProperty() {
        return rssBytes.getReadOnlyProperty();
    }

    /** Full command line. */
    public ReadOnlyStringProperty commandLineProperty() {
        return commandLine.getReadOnlyProperty();
    }

    /** Whether the host table shows this very process (highlighted in both tables). */
    public ReadOnlyBooleanProperty mappedProperty() {
        return mapped.getReadOnlyProperty();
    }
}
