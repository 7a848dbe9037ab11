package io.isoscope.views.details;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.DockerCommandLine;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Details tab: what {@code isoscope inspect} says about the selected container, as grouped properties (General,
 * State, Isolation, Limits, Command, Environment, Paths) and as the very same JSON, with text to copy. Environment
 * values are shown as they are, secrets included, as inspect shows them. It follows the container list's
 * snapshots of the selection, so it changes only when the container does. UI thread only; the one engine call
 * (where its log is) goes through the {@link TaskRunner}.
 */
public final class DetailsViewModel {

    static final String SELECT_ONE = "Select a container to see its details";
    static final String GENERAL = "General";
    static final String STATE = "State";
    static final String ISOLATION = "Isolation";
    static final String LIMITS = "Limits";
    static final String COMMAND = "Command";
    static final String ENVIRONMENT = "Environment";
    static final String PATHS = "Paths";
    private static final String NONE = "—";

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final DateTimeFormatter timeFormat;
    private final ObservableList<PropertyRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper(this, "json", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Details");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command", "isoscope inspect");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", SELECT_ONE);
    private final ReadOnlyBooleanWrapper hasContainer = new ReadOnlyBooleanWrapper(this, "hasContainer");
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");

    private ContainerInfo shown;
    private String logFile;

    /** The tab over {@code engine}; times are shown in {@code zone}. */
    public DetailsViewModel(ContainerEngine engine, TaskRunner tasks, ZoneId zone) {
        this.engine = engine;
        this.tasks = tasks;
        this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    /** The properties, each group led by its heading. */
    public ObservableList<PropertyRow> rows() {
        return rows;
    }

    /** What {@code isoscope inspect} prints for the container (a one-element array); empty with none selected. */
    public ReadOnlyStringProperty jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** E.g. "Details of web". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The CLI command that prints the JSON, e.g. "isoscope inspect web". */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    /** What the views say while nothing is selected. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Whether the Details tab shows; the view binds it to its tab (and draws the table only then). */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** Whether a container is selected (copy applies). */
    public ReadOnlyBooleanProperty hasContainerProperty() {
        return hasContainer.getReadOnlyProperty();
    }

    /**
     * Shows {@code container} (or none): called when the selection changes and with every newer snapshot of it;
     * a snapshot equal to the one shown changes nothing. UI thread only.
     */
    public void select(ContainerInfo container) {
        if (container == null) {
            shown = null;
            logFile = null;
            rows.clear();
            json.set("");
            title.set("Details");
            command.set("isoscope inspect");
            hasContainer.set(false);
            return;
        }
        boolean other = shown == null || !shown.id().equals(container.id());
        if (!other && shown.equals(container)) {
            return;
        }
        shown = container;
        hasContainer.set(true);
        title.set("Details of " + container.name());
        command.set("isoscope inspect " + container.name());
        json.set(InspectDocument.of(container).json());
        if (other) {
            logFile = null;
            String id = container.id();
            // Shown as "…" until found; a container that cannot be found is gone and soon deselected.
            tasks.submit(() -> engine.logFile(id).toString(), path -> logFileFound(id, path), e -> { });
        }
        showRows();
    }

    /** {@code selected} as text: "Name: value" lines, a heading as its own line. UI thread only. */
    public String textOf(List<PropertyRow> selected) {
        return selected.stream().map(r -> r.header() ? r.name() : "  " + r.name() + ": " + r.value())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Every property as {@link #textOf} gives them; empty with none selected. UI thread only. */
    public String allText() {
        return rows.isEmpty() ? "" : textOf(rows);
    }

    private void logFileFound(String id, String path) {
        if (shown != null && shown.id().equals(id)) {
            logFile = path;
            showRows();
        }
    }

    private void showRows() {
        ContainerInfo c = shown;
        List<PropertyRow> next = new ArrayList<>();
        next.add(PropertyRow.heading(GENERAL));
        next.add(PropertyRow.of(GENERAL, "Name", c.name()));
        next.add(PropertyRow.of(GENERAL, "ID", c.id()));
        next.add(PropertyRow.of(GENERAL, "Image", c.image()));
        next.add(PropertyRow.of(GENERAL, "Image digest", text(c.imageDigest())));
        next.add(PropertyRow.of(GENERAL, "Created", time(c.createdAt())));
        next.add(PropertyRow.heading(STATE));
        next.add(PropertyRow.of(STATE, "State", state(c)));
        next.add(PropertyRow.of(STATE, "Started", time(c.startedAt())));
        next.add(PropertyRow.of(STATE, "Finished", time(c.finishedAt())));
        next.add(PropertyRow.of(STATE, "Exit code", c.exitCode() == null ? NONE : String.valueOf(c.exitCode())));
        next.add(PropertyRow.of(STATE, "Reason", text(c.reason())));
        next.add(PropertyRow.of(STATE, "Removed when it exits", c.autoRemove() ? "yes (--rm)" : "no"));
        next.add(PropertyRow.heading(ISOLATION));
        next.add(PropertyRow.of(ISOLATION, "Isolation", isolation(c.isolation())));
        next.add(PropertyRow.of(ISOLATION, "Runtime", text(c.runtime())));
        next.add(PropertyRow.of(ISOLATION, c.isolation() == Isolation.HYPERV ? "VM worker PID" : "Host PID",
                hostPid(c)));
        next.add(PropertyRow.heading(LIMITS));
        next.add(PropertyRow.of(LIMITS, "Memory", LimitTexts.memory(c.limits(), c.isolation())));
        next.add(PropertyRow.of(LIMITS, "CPUs", LimitTexts.cpus(c.limits(), c.isolation())));
        next.add(PropertyRow.of(LIMITS, "Processes", LimitTexts.processes(c.limits(), c.isolation())));
        next.add(PropertyRow.heading(COMMAND));
        next.add(PropertyRow.of(COMMAND, "Command", c.command().stream().map(DockerCommandLine::quote)
                .collect(Collectors.joining(" "))));
        next.add(PropertyRow.of(COMMAND, "Terminal", c.tty() ? "yes (-it): a console can attach" : "no"));
        next.add(PropertyRow.heading(ENVIRONMENT));
        addEnvironment(c.env(), next);
        next.add(PropertyRow.heading(PATHS));
        next.add(PropertyRow.of(PATHS, "Log file", logFile == null ? "…" : logFile));
        // Rebuilt only when the container changed (rare), so the table's selection survives the ticks in between.
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    /** One row per variable, named by its key, in the order the workload gets them (a later one wins). */
    private static void addEnvironment(List<String> env, List<PropertyRow> next) {
        if (env == null) {
            next.add(PropertyRow.of(ENVIRONMENT, "Variables", LimitTexts.UNKNOWN));
        } else if (env.isEmpty()) {
            next.add(PropertyRow.of(ENVIRONMENT, "Variables", "none"));
        }
        for (String entry : env == null ? List.<String>of() : env) {
            int eq = entry.indexOf('=');
            next.add(eq < 0 ? PropertyRow.of(ENVIRONMENT, entry, "")
                    : PropertyRow.of(ENVIRONMENT, entry.substring(0, eq), entry.substring(eq + 1)));
        }
    }

    private String state(ContainerInfo c) {
        String name = c.state().name().toLowerCase(Locale.ROOT);
        return c.state() == ContainerState.EXITED && c.exitCode() != null ? name + " (" + c.exitCode() + ")" : name;
    }

    private static String isolation(Isolation isolation) {
        return isolation == Isolation.HYPERV
                ? "Hyper-V — its own utility VM: the host sees only the VM worker (vmwp)"
                : "Process — namespaces on the host's kernel: the host sees its processes";
    }

    private static String hostPid(ContainerInfo c) {
        if (c.hostPid() == null) {
            return NONE;
        }
        return c.isolation() == Isolation.HYPERV ? c.hostPid() + " (vmwp, the VM that runs it)"
                : c.hostPid() + " (its first process, as the host numbers it)";
    }

    private String time(Instant t) {
        return t == null ? NONE : timeFormat.format(t);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
