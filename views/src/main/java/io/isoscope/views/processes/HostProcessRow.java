package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;

/**
 * One host process ({@code get-process} / {@code ps} columns) with its role towards containers, keyed by host
 * PID and updated in place on every refresh. UI thread only.
 */
public final class HostProcessRow {

    /** Role badge text of a process that belongs to a process-isolated container. */
    public static final String ROLE_CONTAINER = "container";
    /** Role badge text of the VM worker that encapsulates a Hyper-V container. */
    public static final String ROLE_VM_WORKER = "VM worker";

    private final ReadOnlyLongWrapper pid = new ReadOnlyLongWrapper(this, "pid");
    private final ReadOnlyLongWrapper ppid = new ReadOnlyLongWrapper(this, "ppid");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(this, "user");
    private final ReadOnlyDoubleWrapper cpuSeconds = new ReadOnlyDoubleWrapper(this, "cpuSeconds");
    private final ReadOnlyLongWrapper workingSetBytes = new ReadOnlyLongWrapper(this, "workingSetBytes");
    private final ReadOnlyLongWrapper virtualBytes = new ReadOnlyLongWrapper(this, "virtualBytes");
    private final ReadOnlyIntegerWrapper threads = new ReadOnlyIntegerWrapper(this, "threads");
    private final ReadOnlyLongWrapper sessionId = new ReadOnlyLongWrapper(this, "sessionId");
    private final ReadOnlyObjectWrapper<Instant> startTime = new ReadOnlyObjectWrapper<>(this, "startTime");
    private final ReadOnlyStringWrapper commandLine = new ReadOnlyStringWrapper(this, "commandLine");
    private final ReadOnlyStringWrapper role = new ReadOnlyStringWrapper(this, "role");
    private final ReadOnlyObjectWrapper<Long> containerPid = new ReadOnlyObjectWrapper<>(this, "containerPid");
    private final ReadOnlyBooleanWrapper mapped = new ReadOnlyBooleanWrapper(this, "mapped");
    private final ReadOnlyBooleanWrapper vmWorker = new ReadOnlyBooleanWrapper(this, "vmWorker");
    private String containerId;

    HostProcessRow(HostProcess p) {
        pid.set(p.pid());
        update(p);
    }

    /** Takes the values of a newer sample of the same process. */
    void update(HostProcess p) {
        ppid.set(p.ppid());
        name.set(p.name());
        user.set(p.user());
        cpuSeconds.set(p.cpuSeconds());
        workingSetBytes.set(p.rssBytes());
        virtualBytes.set(p.virtualBytes());
        threads.set(p.threads());
        sessionId.set(p.sessionId());
        startTime.set(p.startTime());
        commandLine.set(p.commandLine());
        role.set(p.role() == ProcessRole.CONTAINER ? ROLE_CONTAINER
                : p.role() == ProcessRole.VM_WORKER ? ROLE_VM_WORKER : "");
        containerPid.set(p.containerPid());
        containerId = p.containerId();
    }

    void setHighlight(boolean isMapped, boolean isVmWorker) {
        mapped.set(isMapped);
        vmWorker.set(isVmWorker);
    }

    String containerId() {
        return containerId;
    }

    /** Host PID; never changes. */
    public long pid() {
        return pid.get();
    }

    /** Host PID, as a property for a table column. */
    public ReadOnlyLongProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    /** Parent PID. */
    public ReadOnlyLongProperty ppidProperty() {
        return ppid.getReadOnlyProperty();
    }

    /** Short name ({@code comm}), what {@code get-process -Name} matches. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Owning user. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** User + system CPU seconds. */
    public ReadOnlyDoubleProperty cpuSecondsProperty() {
        return cpuSeconds.getReadOnlyProperty();
    }

    /** Working set (resident set size) in bytes. */
    public ReadOnlyLongProperty workingSetBytesProperty() {
        return workingSetBytes.getReadOnlyProperty();
    }

    /** Virtual size in bytes. */
    public ReadOnlyLongProperty virtualBytesProperty() {
        return virtualBytes.getReadOnlyProperty();
    }

    /** Number of threads. */
    public ReadOnlyIntegerProperty threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    /** Session id (SI in get-process). */
    public ReadOnlyLongProperty sessionIdProperty() {
        return sessionId.getReadOnlyProperty();
    }

    /** When it started. */
    public ReadOnlyObjectProperty<Instant> startTimeProperty() {
        return startTime.getReadOnlyProperty();
    }

    /** Full command line. */
    public ReadOnlyStringProperty commandLineProperty() {
        return commandLine.getReadOnlyProperty();
    }

    /** Role badge: {@link #ROLE_CONTAINER}, {@link #ROLE_VM_WORKER}, or empty for an ordinary host process. */
    public ReadOnlyStringProperty roleProperty() {
        return role.getReadOnlyProperty();
    }

    /** Its PID inside its container's PID namespace, or {@code null}. */
    public ReadOnlyObjectProperty<Long> containerPidProperty() {
        return containerPid.getReadOnlyProperty();
    }

    /** Whether it is a process of the selected container that the container table shows too. */
    public ReadOnlyBooleanProperty mappedProperty() {
        return mapped.getReadOnlyProperty();
    }

    /** Whether it is the VM worker of the selected (Hyper-V) container. */
    public ReadOnlyBooleanProperty vmWorkerProperty() {
        return vmWorker.getReadOnlyProperty();
    }
}
