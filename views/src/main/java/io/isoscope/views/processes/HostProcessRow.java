package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.views.processes.EntryProperties.BooleanValue;
import io.isoscope.views.processes.EntryProperties.DoubleValue;
import io.isoscope.views.processes.EntryProperties.IntValue;
import io.isoscope.views.processes.EntryProperties.LongValue;
import io.isoscope.views.processes.EntryProperties.ObjectValue;
import io.isoscope.views.processes.EntryProperties.StringValue;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the host table: the host process ({@code get-process} / {@code ps} columns) at its position, with its
 * role towards containers and its place in the tree. A refresh may give the row another process (the table is
 * re-ordered by moving processes between rows, see {@link HostRows}). Its properties read the latest sample when
 * asked and notify only when a value someone has read changes, so updating the rows no cell shows is nearly free.
 * UI thread only.
 */
public final class HostProcessRow {

    /** Role of a process that belongs to a process-isolated container (its badge adds the name). */
    public static final String ROLE_CONTAINER = "container";
    /** Role of the VM worker that encapsulates a Hyper-V container (its badge adds "of" and the name). */
    public static final String ROLE_VM_WORKER = "VM worker";

    private HostEntry entry;
    /** How many properties hold a value someone read; none, and a new entry needs no property told. */
    private int readValues;
    private final EntryProperties.Source source = new EntryProperties.Source() {
        @Override
        public HostEntry entry() {
            return entry;
        }

        @Override
        public void validated() {
            readValues++;
        }

        @Override
        public void invalidated() {
            readValues--;
        }
    };
    private final LongValue pid = new LongValue(this, "pid", source, HostEntry::pid);
    private final LongValue ppid = new LongValue(this, "ppid", source, e -> e.process().ppid());
    private final StringValue name = new StringValue(this, "name", source, e -> e.process().name());
    private final StringValue user = new StringValue(this, "user", source, e -> e.process().user());
    private final DoubleValue cpuSeconds = new DoubleValue(this, "cpuSeconds", source,
            e -> e.process().cpuSeconds());
    private final LongValue workingSetBytes = new LongValue(this, "workingSetBytes", source,
            e -> e.process().rssBytes());
    private final LongValue virtualBytes = new LongValue(this, "virtualBytes", source,
            e -> e.process().virtualBytes());
    private final IntValue threads = new IntValue(this, "threads", source, e -> e.process().threads());
    private final LongValue sessionId = new LongValue(this, "sessionId", source, e -> e.process().sessionId());
    private final ObjectValue<Instant> startTime = new ObjectValue<>(this, "startTime", source,
            e -> e.process().startTime());
    private final StringValue commandLine = new StringValue(this, "commandLine", source,
            e -> e.process().commandLine());
    private final StringValue role = new StringValue(this, "role", source, e -> roleOf(e.process().role()));
    private final StringValue roleBadge = new StringValue(this, "roleBadge", source, HostEntry::role);
    private final ObjectValue<TreeLabel> treeLabel = new ObjectValue<>(this, "treeLabel", source,
            HostEntry::nameCell);
    private final ObjectValue<Long> containerPid = new ObjectValue<>(this, "containerPid", source,
            e -> e.process().containerPid());
    private final BooleanValue mapped = new BooleanValue(this, "mapped", source, HostEntry::mapped);
    private final BooleanValue vmWorker = new BooleanValue(this, "vmWorker", source, HostEntry::vmWorker);

    HostProcessRow(HostEntry e) {
        entry = e;
    }

    /** Takes what a newer refresh shows at this row: the same process, or another one. */
    void update(HostEntry e) {
        HostEntry was = entry;
        entry = e;
        if (readValues == 0) {
            return; // nobody has looked at this row: its properties will read the new entry when asked
        }
        // Field by field rather than through a generic list: this runs for thousands of rows every second.
        HostProcess o = was.process();
        HostProcess n = e.process();
        if (o.ppid() != n.ppid()) {
            ppid.invalidate();
        }
        if (!Objects.equals(o.name(), n.name())) {
            name.invalidate();
        }
        if (!Objects.equals(o.user(), n.user())) {
            user.invalidate();
        }
        if (Double.compare(o.cpuSeconds(), n.cpuSeconds()) != 0) {
            cpuSeconds.invalidate();
        }
        if (o.rssBytes() != n.rssBytes()) {
            workingSetBytes.invalidate();
        }
        if (o.virtualBytes() != n.virtualBytes()) {
            virtualBytes.invalidate();
        }
        if (o.threads() != n.threads()) {
            threads.invalidate();
        }
        if (o.sessionId() != n.sessionId()) {
            sessionId.invalidate();
        }
        if (!Objects.equals(o.startTime(), n.startTime())) {
            startTime.invalidate();
        }
        if (!Objects.equals(o.commandLine(), n.commandLine())) {
            commandLine.invalidate();
        }
        if (o.role() != n.role()) {
            role.invalidate();
        }
        if (!Objects.equals(o.containerPid(), n.containerPid())) {
            containerPid.invalidate();
        }
        if (!Objects.equals(was.role(), e.role())) {
            roleBadge.invalidate();
        }
        if (!Objects.equals(was.label(), e.label()) || !Objects.equals(o.name(), n.name())) {
            treeLabel.invalidate();
        }
        if (was.mapped() != e.mapped()) {
            mapped.invalidate();
        }
        if (was.vmWorker() != e.vmWorker()) {
            vmWorker.invalidate();
        }
        if (o.pid() != n.pid()) {
            pid.invalidate();
        }
    }

    private static String roleOf(ProcessRole role) {
        return role == ProcessRole.CONTAINER ? ROLE_CONTAINER : role == ProcessRole.VM_WORKER ? ROLE_VM_WORKER : "";
    }

    /**
     * The badge's style suffix for a role badge text: {@code vm-worker} for "VM worker of ...", {@code container}
     * for "container ...". Thread-safe.
     */
    public static String badgeKind(String badge) {
        return badge.startsWith(ROLE_VM_WORKER) ? "vm-worker" : "container";
    }

    String containerId() {
        return entry.process().containerId();
    }

    /** Host PID of the process the row shows. */
    public long pid() {
        return pid.get();
    }

    /** Host PID, as a property for a table column. */
    public ReadOnlyLongProperty pidProperty() {
        return pid;
    }

    /** Parent PID. */
    public ReadOnlyLongProperty ppidProperty() {
        return ppid;
    }

    /** Short name ({@code comm}), what {@code get-process -Name} matches. */
    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    /** Owning user. */
    public ReadOnlyStringProperty userProperty() {
        return user;
    }

    /** User + system CPU seconds. */
    public ReadOnlyDoubleProperty cpuSecondsProperty() {
        return cpuSeconds;
    }

    /** Working set (resident set size) in bytes. */
    public ReadOnlyLongProperty workingSetBytesProperty() {
        return workingSetBytes;
    }

    /** Virtual size in bytes. */
    public ReadOnlyLongProperty virtualBytesProperty() {
        return virtualBytes;
    }

    /** Number of threads. */
    public ReadOnlyIntegerProperty threadsProperty() {
        return threads;
    }

    /** Session id (SI in get-process). */
    public ReadOnlyLongProperty sessionIdProperty() {
        return sessionId;
    }

    /** When it started. */
    public ReadOnlyObjectProperty<Instant> startTimeProperty() {
        return startTime;
    }

    /** Full command line. */
    public ReadOnlyStringProperty commandLineProperty() {
        return commandLine;
    }

    /** Its role: {@link #ROLE_CONTAINER}, {@link #ROLE_VM_WORKER}, or empty for an ordinary host process. */
    public ReadOnlyStringProperty roleProperty() {
        return role;
    }

    /**
     * The Role column's badge, naming the container: "container web", "VM worker of vm"; empty for an ordinary
     * host process.
     */
    public ReadOnlyStringProperty roleBadgeProperty() {
        return roleBadge;
    }

    /** The Name column's content: the name, and in the tree its depth and expander. */
    public ReadOnlyObjectProperty<TreeLabel> treeLabelProperty() {
        return treeLabel;
    }

    /** Its PID inside its container's PID namespace, or {@code null}. */
    public ReadOnlyObjectProperty<Long> containerPidProperty() {
        return containerPid;
    }

    /** Whether it is a process of the selected container that the container table shows too. */
    public ReadOnlyBooleanProperty mappedProperty() {
        return mapped;
    }

    /** Whether it is the VM worker of the selected (Hyper-V) container. */
    public ReadOnlyBooleanProperty vmWorkerProperty() {
        return vmWorker;
    }
}
