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
import java.util.Objects;

/**
 * One host process ({@code get-process} / {@code ps} columns) with its role towards containers and its place in
 * the tree, keyed by host PID and updated in place on every refresh. UI thread only.
 */
public final class HostProcessRow {

    /** Role of a process that belongs to a process-isolated container (its badge adds the name). */
    public static final String ROLE_CONTAINER = "container";
    /** Role of the VM worker that encapsulates a Hyper-V container (its badge adds "of" and the name). */
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
    private final ReadOnlyStringWrapper roleBadge = new ReadOnlyStringWrapper(this, "roleBadge");
    private final ReadOnlyObjectWrapper<TreeLabel> treeLabel = new ReadOnlyObjectWrapper<>(this, "treeLabel");
    private final ReadOnlyObjectWrapper<Long> containerPid = new ReadOnlyObjectWrapper<>(this, "containerPid");
    private final ReadOnlyBooleanWrapper mapped = new ReadOnlyBooleanWrapper(this, "mapped");
    private final ReadOnlyBooleanWrapper vmWorker = new ReadOnlyBooleanWrapper(this, "vmWorker");
    private String containerId;
    /** Its position in the list being applied; only meaningful while the UI thread re-orders the rows. */
    int rank;

    HostProcessRow(HostEntry e) {
        pid.set(e.pid());
        update(e);
    }

    /** Takes what a newer refresh shows for the same process. */
    void update(HostEntry e) {
        HostProcess p = e.process();
        ppid.set(p.ppid());
        name.set(p.name());
        user.set(p.user());
        cpuSeconds.set(p.cpuSeconds());
        workingSetBytes.set(p.rssBytes());
        virtualBytes.set(p.virtualBytes());
        threads.set(p.threads());
        sessionId.set(p.sessionId());
        setIfChanged(startTime, p.startTime());
        commandLine.set(p.commandLine());
        role.set(p.role() == ProcessRole.CONTAINER ? ROLE_CONTAINER
                : p.role() == ProcessRole.VM_WORKER ? ROLE_VM_WORKER : "");
        setIfChanged(containerPid, p.containerPid());
        containerId = p.containerId();
        roleBadge.set(e.role());
        setIfChanged(treeLabel, e.label());
        mapped.set(e.mapped());
        vmWorker.set(e.vmWorker());
    }

    /** Object properties compare by identity; equal values from a newer sample must not redraw the cell. */
    private static <T> void setIfChanged(ReadOnlyObjectWrapper<T> property, T value) {
        if (!Objects.equals(property.get(), value)) {
            property.set(value);
        }
    }

    /**
     * The badge's style suffix for a role badge text: {@code vm-worker} for "VM worker of ...", {@code container}
     * for "container ...". Thread-safe.
     */
    public static String badgeKind(String badge) {
        return badge.startsWith(ROLE_VM_WORKER) ? "vm-worker" : "container";
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

    /** Its role: {@link #ROLE_CONTAINER}, {@link #ROLE_VM_WORKER}, or empty for an ordinary host process. */
    public ReadOnlyStringProperty roleProperty() {
        return role.getReadOnlyProperty();
    }

    /**
     * The Role column's badge, naming the container: "container web", "VM worker of vm"; empty for an ordinary
     * host process.
     */
    public ReadOnlyStringProperty roleBadgeProperty() {
        return roleBadge.getReadOnlyProperty();
    }

    /** The Name column's content: the name, and in the tree its depth and expander. */
    public ReadOnlyObjectProperty<TreeLabel> treeLabelProperty() {
        return treeLabel.getReadOnlyProperty();
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
