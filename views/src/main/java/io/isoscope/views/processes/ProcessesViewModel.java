package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.IsolationVerdict;
import io.isoscope.views.common.RowDiff;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The two process tables side by side for the selected container: what it sees inside, what the host sees, which
 * rows are the same process on both sides, and a one-line verdict. The host table is a process inspector of its
 * own: filtered by name or PID like {@code get-process}, sorted by any column, flat or as a parent/child tree, each
 * row with its role towards containers, copyable as text. It stays cheap on the UI thread with thousands of
 * processes: each refresh's host rows are filtered and sorted (or arranged as the tree) in the background
 * ({@link #fetch}), and the UI thread only copies the result into its rows. {@link #fetch} is the blocking engine
 * half (any thread); everything else is UI thread only.
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

    private static final System.Logger LOG = System.getLogger(ProcessesViewModel.class.getName());

    /** A host plan computed in the background together with the snapshot it was computed from. */
    private record Prepared(Snapshot snapshot, HostTablePlan plan) {
    }

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final HostTablePlanner planner = new HostTablePlanner();
    private final HostRows hostRows = new HostRows();
    /** Container names for the role badges, by id; filled in the background, read by the planner. */
    private final Map<String, String> containerNames = new ConcurrentHashMap<>();
    private final Set<String> unnamedIds = ConcurrentHashMap.newKeySet();
    private final StringProperty hostFilter = new SimpleStringProperty(this, "hostFilter", "");
    private final BooleanProperty onlySelected = new SimpleBooleanProperty(this, "onlySelected");
    private final BooleanProperty hostTree = new SimpleBooleanProperty(this, "hostTree");
    private final ObservableSet<HostColumn> hiddenHostColumns = FXCollections.observableSet(EnumSet.noneOf(HostColumn.class));
    private final ReadOnlyStringWrapper hostFilterLabel = new ReadOnlyStringWrapper(this, "hostFilterLabel", "get-process -Name");
    private final ObservableList<ContainerProcessRow> containerRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper containerTitle = new ReadOnlyStringWrapper(this, "containerTitle");
    private final ReadOnlyStringWrapper containerPlaceholder = new ReadOnlyStringWrapper(this, "containerPlaceholder", SELECT_ONE);
    private final ReadOnlyStringWrapper hostPlaceholder = new ReadOnlyStringWrapper(this, "hostPlaceholder", READING_HOST);
    private final ReadOnlyBooleanWrapper hostNotFound = new ReadOnlyBooleanWrapper(this, "hostNotFound");
    private final ReadOnlyLongWrapper hostRefreshes = new ReadOnlyLongWrapper(this, "hostRefreshes");
    /** Set while the host rows take a new plan: meanwhile a row may show a process it did not show before. */
    private boolean applyingHostRows;
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", NO_SELECTION_VERDICT);
    private final ReadOnlyObjectWrapper<VerdictKind> verdictKind = new ReadOnlyObjectWrapper<>(this, "verdictKind", VerdictKind.NONE);
    private final ReadOnlyStringWrapper mapping = new ReadOnlyStringWrapper(this, "mapping", "");
    private final ReadOnlyObjectWrapper<Emphasis> emphasis = new ReadOnlyObjectWrapper<>(this, "emphasis", Emphasis.NONE);
    private final RowDiff<Long, ContainerProcess, ContainerProcessRow> insideDiff = new RowDiff<>(
            ContainerProcess::containerPid, ContainerProcessRow::containerPid, ContainerProcessRow::new,
            ContainerProcessRow::update);

    private ContainerInfo selected;
    private Snapshot last;
    private List<HostSortKey> hostSort = List.of();
    private final Set<Long> collapsed = new HashSet<>();
    /** What the host table shows now; the background reads it to plan the next refresh. */
    private volatile HostQuery query = new HostQuery("", false, List.of(), false, Set.of());
    private volatile Prepared prepared;

    /** The tables over {@code engine}, every computation done at once on the calling thread (for tests). */
    public ProcessesViewModel(ContainerEngine engine) {
        this(engine, new TaskRunner(Runnable::run, Runnable::run));
    }

    /**
     * The tables over {@code engine}; when the user changes the host table's filter, sort or tree, the rows are
     * re-planned on {@code tasks}' background executor.
     */
    public ProcessesViewModel(ContainerEngine engine, TaskRunner tasks) {
        this.engine = engine;
        this.tasks = tasks;
        containerTitle.set(title(null));
        for (Observable criterion : List.of(hostFilter, onlySelected, hostTree)) {
            criterion.addListener(obs -> queryChanged());
        }
        hostFilter.addListener(obs -> hostFilterLabel.set("get-process " + HostFilter.of(hostFilter.get()).parameter()));
    }

    /**
     * The host table's filter: a process name with {@code get-process -Name}'s rules (case-insensitive, {@code *}
     * and {@code ?} wildcards), or a number for the process with that PID ({@code get-process -Id}); blank shows
     * every process.
     */
    public StringProperty hostFilterProperty() {
        return hostFilter;
    }

    /** The get-process command the filter's text stands for: "get-process -Name", or "get-process -Id" for a number. */
    public ReadOnlyStringProperty hostFilterLabelProperty() {
        return hostFilterLabel.getReadOnlyProperty();
    }

    /**
     * Whether the host table shows a parent/child tree (children under their parent, by PPID; a process whose
     * parent is not shown is a root); off by default.
     */
    public BooleanProperty hostTreeProperty() {
        return hostTree;
    }

    /**
     * The host table's columns the user hid (the view keeps its columns' visibility and this set the same either
     * way); starts empty until the window's settings fill it.
     */
    public ObservableSet<HostColumn> hiddenHostColumns() {
        return hiddenHostColumns;
    }

    /** Sorts the host table by {@code keys} (first key first, ties by PID); empty restores the default order. */
    public void sortHostBy(List<HostSortKey> keys) {
        List<HostSortKey> copy = List.copyOf(keys);
        if (!copy.equals(hostSort)) {
            hostSort = copy;
            queryChanged();
        }
    }

    /** The host table's sort levels; empty for the default order. */
    public List<HostSortKey> hostSort() {
        return hostSort;
    }

    /**
     * Shows or hides the children of {@code row} in the tree; the choice is kept across refreshes for as long as
     * the process lives.
     */
    public void setExpanded(HostProcessRow row, boolean expanded) {
        boolean changed = expanded ? collapsed.remove(row.pid()) : collapsed.add(row.pid());
        if (!changed) {
            return;
        }
        if (last != null) {
            // Forget the choices about processes that have exited, so PIDs reused later start expanded.
            Set<Long> alive = new HashSet<>();
            last.host().forEach(h -> alive.add(h.pid()));
            collapsed.retainAll(alive);
        }
        queryChanged();
    }

    /** Expands a collapsed tree row, or collapses an expanded one. */
    public void toggleExpanded(HostProcessRow row) {
        setExpanded(row, collapsed.contains(row.pid()));
    }

    /**
     * {@code rows} as text for the clipboard: a header line, then one line per row, values tab-separated as the
     * table shows them (start times in full).
     */
    public String copyText(List<HostProcessRow> rows) {
        return HostCopyText.of(rows, ZoneId.systemDefault());
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
     * The host processes that pass the filter (and, when {@link #onlySelectedProperty()} is on, belong to the
     * selected container), in the order of {@link #sortHostBy} (by default the selected container's own first,
     * then by PID), or in tree order with collapsed rows' descendants left out. The rows are positions: a refresh
     * that re-orders the processes gives rows other processes rather than moving rows.
     */
    public ObservableList<HostProcessRow> hostRows() {
        return hostRows.list();
    }

    /**
     * Counts the times the host rows took a new refresh. Each may move processes between rows (a row is a position,
     * see {@link #hostRows()}): a view that keeps a selection finds the processes again with {@link #hostIndexOf}.
     */
    public ReadOnlyLongProperty hostRefreshesProperty() {
        return hostRefreshes.getReadOnlyProperty();
    }

    /** The position in {@link #hostRows()} of the host process {@code pid}, or {@code -1} if it is not shown. */
    public int hostIndexOf(long pid) {
        return hostRows.indexOf(pid);
    }

    /**
     * Whether the host rows are being brought up to date right now (a list change seen meanwhile is part of that,
     * not a user's doing).
     */
    public boolean isApplyingHostRows() {
        return applyingHostRows;
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
        Snapshot snapshot = new Snapshot(container, inside, engine.hostProcesses());
        learnNames(container, snapshot.host());
        // The expensive part of showing the host table, done here rather than on the UI thread: filter, sort or
        // arrange the tree. apply() uses it unless the user changed the query meanwhile.
        prepared = new Prepared(snapshot, planner.plan(snapshot, query, containerNames));
        return snapshot;
    }

    /** Learns the names of the containers the host rows belong to, asking the engine only for unknown ids. */
    private void learnNames(ContainerInfo container, List<HostProcess> host) {
        if (container != null) {
            containerNames.put(container.id(), container.name());
        }
        boolean unknown = false;
        for (HostProcess h : host) {
            String id = h.containerId();
            if (id != null && !containerNames.containsKey(id) && !unnamedIds.contains(id)) {
                unknown = true;
                break;
            }
        }
        if (!unknown) {
            return;
        }
        try {
            for (ContainerInfo c : engine.list(true)) {
                containerNames.put(c.id(), c.name());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list containers for the role badges", e);
        }
        for (HostProcess h : host) {
            // Not asked again on every refresh: its badge shows the short id.
            if (h.containerId() != null && !containerNames.containsKey(h.containerId())) {
                unnamedIds.add(h.containerId());
            }
        }
    }

    /**
     * Switches the tables to {@code container} (or none): its old rows go at once, the next snapshot fills them.
     * UI thread only.
     */
    public void select(ContainerInfo container) {
        boolean same = container != null && selected != null && container.id().equals(selected.id());
        selected = container;
        containerTitle.set(title(container));
        if (container != null) {
            containerNames.put(container.id(), container.name());
        }
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
            showHost(last);
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
        Set<Long> shared = HostTablePlanner.sharedPids(snapshot);
        for (ContainerProcessRow row : containerRows) {
            row.setMapped(row.hostPidProperty().get() != null && shared.contains(row.hostPidProperty().get()));
        }
        Prepared p = prepared;
        if (p != null && p.snapshot() == snapshot && p.plan().query().equals(query)) {
            showHostPlan(p.plan());
        } else {
            showHost(snapshot);
        }
        showVerdict(snapshot, shared);
    }

    /** The user changed what the host table should show: plan it again from the last snapshot. */
    private void queryChanged() {
        query = new HostQuery(hostFilter.get(), onlySelected.get(), hostSort, hostTree.get(), collapsed);
        if (last != null) {
            showHost(last);
        }
    }

    /** Plans the host table for {@code snapshot} in the background and shows it, unless overtaken meanwhile. */
    private void showHost(Snapshot snapshot) {
        HostQuery q = query;
        tasks.submit(() -> planner.plan(snapshot, q, containerNames), plan -> {
            // A newer snapshot or query has its own plan coming; this one would show stale rows.
            if (snapshot == last && q.equals(query)) {
                showHostPlan(plan);
            }
        }, e -> LOG.log(System.Logger.Level.WARNING, "cannot plan the host table", e));
    }

    private void showHostPlan(HostTablePlan plan) {
        applyingHostRows = true;
        try {
            hostRows.apply(plan);
        } finally {
            applyingHostRows = false;
        }
        hostRefreshes.set(hostRefreshes.get() + 1);
        hostPlaceholder.set(hostPlaceholderFor(last.container(), plan.filter(), plan.query().onlyOwn()));
        hostNotFound.set(plan.filter().isActive() && hostRows.list().isEmpty());
    }

    private void showVerdict(Snapshot snapshot, Set<Long> shared) {
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
        mapping.set(mappingText(snapshot, v, shared));
    }

    private String mappingText(Snapshot snapshot, IsolationVerdict v, Set<Long> shared) {
        if (v.visibleOnHost()) {
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

    private String hostPlaceholderFor(ContainerInfo container, HostFilter filter, boolean onlyOwn) {
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
