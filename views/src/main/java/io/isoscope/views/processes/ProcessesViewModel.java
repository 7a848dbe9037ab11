package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.IsolationVerdict;
import io.isoscope.engine.api.ProcessNameFilter;
import io.isoscope.views.common.RowDiff;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two process tables side by side for the selected container: what it sees inside, what the host sees (with
 * a {@code get-process -Name} filter), which rows are the same process on both sides, and a one-line verdict.
 * {@link #fetch} is the blocking engine half (any thread); everything else is UI thread only.
 */
public final class ProcessesViewModel {

    static final String SELECT_ONE = "Select a container to see its processes";
    static final String READING = "Reading processes…";
    static final String NO_PROCESSES = "No processes yet";
    static final String READING_HOST = "Reading host processes…";
    static final String NO_SELECTION_VERDICT = "Select a container to compare what it sees with what the host sees";
    static final String SELECT_ONE_FOR_HOST = "Select a container to see only its processes on the host";

    /**
     * One consistent sample of both sides, taken in the background.
     *
     * @param container the selected container as listed at the time, or {@code null}
     * @param inside    its processes (empty when none is selected or it does not run)
     * @param host      every host process, unfiltered
     */
    public record Snapshot(ContainerInfo container, List<ContainerProcess> inside, List<HostProcess> host) {
        /** Copies the lists, so a snapshot never changes after it is taken. */
        public Snapshot {
            inside = List.copyOf(inside);
            host = List.copyOf(host);
        }
    }

    private final ContainerEngine engine;
    private final StringProperty hostFilter = new SimpleStringProperty(this, "hostFilter", "");
    private final BooleanProperty onlySelected = new SimpleBooleanProperty(this, "onlySelected");
    private final ObservableList<ContainerProcessRow> containerRows = FXCollections.observableArrayList();
    private final ObservableList<HostProcessRow> hostRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper containerTitle = new ReadOnlyStringWrapper(this, "containerTitle");
    private final ReadOnlyStringWrapper containerPlaceholder = new ReadOnlyStringWrapper(this, "containerPlaceholder", SELECT_ONE);
    private final ReadOnlyStringWrapper hostPlaceholder = new ReadOnlyStringWrapper(this, "hostPlaceholder", READING_HOST);
    private final ReadOnlyBooleanWrapper hostNotFound = new ReadOnlyBooleanWrapper(this, "hostNotFound");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", NO_SELECTION_VERDICT);
    private final ReadOnlyObjectWrapper<VerdictKind> verdictKind = new ReadOnlyObjectWrapper<>(this, "verdictKind", VerdictKind.NONE);
    private final ReadOnlyStringWrapper mapping = new ReadOnlyStringWrapper(this, "mapping", "");
    private final ReadOnlyObjectWrapper<Emphasis> emphasis = new ReadOnlyObjectWrapper<>(this, "emphasis", Emphasis.NONE);
    private final RowDiff<Long, ContainerProcess, ContainerProcessRow> insideDiff = new RowDiff<>(
            ContainerProcess::containerPid, ContainerProcessRow::containerPid, ContainerProcessRow::new,
            ContainerProcessRow::update);
    private final RowDiff<Long, HostProcess, HostProcessRow> hostDiff = new RowDiff<>(
            HostProcess::pid, HostProcessRow::pid, HostProcessRow::new, HostProcessRow::update);

    private ContainerInfo selected;
    private Snapshot last;

    /** The tables over {@code engine}. */
    public ProcessesViewModel(ContainerEngine engine) {
        this.engine = engine;
        containerTitle.set(title(null));
        for (Observable criterion : List.of(hostFilter, onlySelected)) {
            criterion.addListener(obs -> {
                if (last != null) {
                    applyHost(last);
                }
            });
        }
    }

    /** The {@code get-process -Name} pattern for the host table; blank shows every process. */
    public StringProperty hostFilterProperty() {
        return hostFilter;
    }

    /**
     * Whether the host table shows only the selected container's rows (its processes, or the VM worker that
     * encapsulates it); off by default. With no container selected it then shows none.
     */
    public BooleanProperty onlySelectedProperty() {
        return onlySelected;
    }

    /** The selected container's processes, by container PID. */
    public ObservableList<ContainerProcessRow> containerRows() {
        return containerRows;
    }

    /**
     * The host processes that pass the name filter (and, when {@link #onlySelectedProperty()} is on, belong to
     * the selected container): the selected container's own first, then by PID.
     */
    public ObservableList<HostProcessRow> hostRows() {
        return hostRows;
    }

    /** Heading of the container table, e.g. "Inside the container web". */
    public ReadOnlyStringProperty containerTitleProperty() {
        return containerTitle.getReadOnlyProperty();
    }

    /** What the container table says while empty. */
    public ReadOnlyStringProperty containerPlaceholderProperty() {
        return containerPlaceholder.getReadOnlyProperty();
    }

    /** What the host table says while empty: get-process's not-found message when the filter matches nothing. */
    public ReadOnlyStringProperty hostPlaceholderProperty() {
        return hostPlaceholder.getReadOnlyProperty();
    }

    /** Whether the filter matches no host process, so the placeholder is get-process's error. */
    public ReadOnlyBooleanProperty hostNotFoundProperty() {
        return hostNotFound.getReadOnlyProperty();
    }

    /** The one-line isolation verdict for the selected container. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The kind of verdict, for colouring. */
    public ReadOnlyObjectProperty<VerdictKind> verdictKindProperty() {
        return verdictKind.getReadOnlyProperty();
    }

    /** The PID mapping of the highlighted rows, e.g. "container PID 1 = host PID 6466"; empty when none. */
    public ReadOnlyStringProperty mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    /** Which table a guide draws attention to; {@link Emphasis#NONE} unless one asks. */
    public ReadOnlyObjectProperty<Emphasis> emphasisProperty() {
        return emphasis.getReadOnlyProperty();
    }

    /** Draws attention to one table (or none), for the walkthrough. UI thread only. */
    public void emphasize(Emphasis which) {
        emphasis.set(Objects.requireNonNull(which, "which"));
    }

    /**
     * Samples both sides for {@code container} (or only the host for {@code null}). Blocking, calls the engine:
     * run it in the background. Thread-safe.
     */
    public Snapshot fetch(ContainerInfo container) {
        List<ContainerProcess> inside = container != null && container.isRunning()
                ? engine.processes(container.id()) : List.of();
        return new Snapshot(container, inside, engine.hostProcesses());
    }

    /**
     * Switches the tables to {@code container} (or none): its old rows go at once, the next snapshot fills them.
     * UI thread only.
     */
    public void select(ContainerInfo container) {
        boolean same = container != null && selected != null && container.id().equals(selected.id());
        selected = container;
        containerTitle.set(title(container));
        if (same) {
            return;
        }
        containerRows.clear();
        containerPlaceholder.set(container == null ? SELECT_ONE : READING);
        verdict.set(container == null ? NO_SELECTION_VERDICT : READING);
        verdictKind.set(VerdictKind.NONE);
        mapping.set("");
        if (last != null) {
            last = new Snapshot(null, List.of(), last.host());
            applyHost(last);
        }
    }

    /** Shows a snapshot; one taken for a container that is no longer selected is ignored. UI thread only. */
    public void apply(Snapshot snapshot) {
        if (!Objects.equals(id(snapshot.container()), id(selected))) {
            return;
        }
        last = snapshot;
        selected = snapshot.container();
        containerTitle.set(title(selected));
        insideDiff.apply(containerRows, snapshot.inside().stream()
                .sorted(Comparator.comparingLong(ContainerProcess::containerPid)).toList());
        containerPlaceholder.set(placeholderFor(selected));
        applyHost(snapshot);
        showVerdict(snapshot);
    }

    private void applyHost(Snapshot snapshot) {
        String ownId = id(snapshot.container());
        Set<Long> shared = sharedPids(snapshot);
        ProcessNameFilter filter = new ProcessNameFilter(hostFilter.get());
        boolean onlyOwn = onlySelected.get();
        List<HostProcess> shown = new ArrayList<>(filter.apply(snapshot.host()).stream()
                .filter(h -> !onlyOwn || (ownId != null && ownId.equals(h.containerId())))
                .toList());
        // The selected container's own host rows go first so the highlighted pair is in view without scrolling.
        shown.sort(Comparator.comparing((HostProcess h) -> ownId == null || !ownId.equals(h.containerId()))
                .thenComparingLong(HostProcess::pid));
        hostDiff.apply(hostRows, shown);
        for (HostProcessRow row : hostRows) {
            boolean own = ownId != null && ownId.equals(row.containerId());
            row.setHighlight(shared.contains(row.pid()),
                    own && HostProcessRow.ROLE_VM_WORKER.equals(row.roleProperty().get()));
        }
        for (ContainerProcessRow row : containerRows) {
            row.setMapped(row.hostPidProperty().get() != null && shared.contains(row.hostPidProperty().get()));
        }
        hostPlaceholder.set(hostPlaceholderFor(snapshot.container(), filter, onlyOwn));
        hostNotFound.set(filter.isActive() && hostRows.isEmpty());
    }

    private void showVerdict(Snapshot snapshot) {
        if (snapshot.container() == null) {
            verdict.set(NO_SELECTION_VERDICT);
            verdictKind.set(VerdictKind.NONE);
            mapping.set("");
            return;
        }
        IsolationVerdict v = IsolationVerdict.of(snapshot.container(), snapshot.inside(), snapshot.host());
        verdict.set(v.text());
        if (v.visibleOnHost()) {
            verdictKind.set(VerdictKind.SAME_PROCESS);
        } else if (v.hostPid() != null) {
            verdictKind.set(VerdictKind.BEHIND_VM);
        } else {
            verdictKind.set(VerdictKind.NONE);
        }
        mapping.set(mappingText(snapshot, v));
    }

    private String mappingText(Snapshot snapshot, IsolationVerdict v) {
        if (v.visibleOnHost()) {
            Set<Long> shared = sharedPids(snapshot);
            return snapshot.inside().stream()
                    .filter(p -> p.hostPid() != null && shared.contains(p.hostPid()))
                    .sorted(Comparator.comparingLong(ContainerProcess::containerPid))
                    .map(p -> "container PID " + p.containerPid() + " = host PID " + p.hostPid())
                    .collect(Collectors.joining("   ·   "));
        }
        if (v.hostPid() != null) {
            return "container PID " + v.containerPid() + " = no host PID   ·   VM worker = host PID " + v.hostPid();
        }
        return "";
    }

    /** Host PIDs that both tables show: the container's processes the host can see. */
    private static Set<Long> sharedPids(Snapshot snapshot) {
        Set<Long> hostPids = new HashSet<>();
        for (HostProcess h : snapshot.host()) {
            hostPids.add(h.pid());
        }
        Set<Long> shared = new HashSet<>();
        for (ContainerProcess p : snapshot.inside()) {
            if (p.hostPid() != null && hostPids.contains(p.hostPid())) {
                shared.add(p.hostPid());
            }
        }
        return shared;
    }

    private String hostPlaceholderFor(ContainerInfo container, ProcessNameFilter filter, boolean onlyOwn) {
        if (filter.isActive()) {
            return filter.notFoundMessage();
        }
        if (!onlyOwn) {
            return READING_HOST;
        }
        if (container == null) {
            // A container just selected has no sample yet; the next one fills the table.
            return selected == null ? SELECT_ONE_FOR_HOST : READING_HOST;
        }
        return container.isRunning()
                ? "The host shows no process of " + container.name() + " yet"
                : container.name() + " is not running — the host has no process of it";
    }

    private static String placeholderFor(ContainerInfo container) {
        if (container == null) {
            return SELECT_ONE;
        }
        if (!container.isRunning()) {
            return container.name() + " is not running — no processes to show";
        }
        return NO_PROCESSES;
    }

    private static String title(ContainerInfo container) {
        return container == null ? "Inside the container" : "Inside the container " + container.name();
    }

    private static String id(ContainerInfo container) {
        return container == null ? null : container.id();
    }
}
