package io.isoscope.views.containers;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.RowDiff;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The container list: rows kept in step with the engine by diff, the selection, and the stop / kill / remove
 * actions on the selected container. UI thread only; engine calls go through the {@link TaskRunner}.
 */
public final class ContainersViewModel {

    /** Shown while the list is empty. */
    public static final String EMPTY = "No containers yet — run one with the form";
    /** What a container's row says while the Run form starts it. */
    public static final String STARTING = "starting…";
    static final String LOADING = "Loading containers…";
    /** The grace period Stop gives a container between SIGTERM and SIGKILL, as {@code docker stop}. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final Notices notices;
    private final Runnable changed;

    private final ObservableList<ContainerRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ContainerRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", LOADING);
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canRemove = new ReadOnlyBooleanWrapper(this, "canRemove");
    private final RowDiff<String, ContainerInfo, ContainerRow> diff;
    private final InvalidationListener selectedRowChanged = obs -> updateActions();
    private String pendingSelection;
    private boolean loaded;
    private String startingId;

    /**
     * A list over {@code engine}; {@code changed} is called on the UI thread after an action so the owner
     * refreshes at once instead of at the next tick.
     */
    public ContainersViewModel(ContainerEngine engine, TaskRunner tasks, Notices notices, Clock clock,
                               Runnable changed) {
        this.engine = engine;
        this.tasks = tasks;
        this.notices = notices;
        this.changed = changed;
        this.diff = new RowDiff<>(ContainerInfo::id, ContainerRow::id,
                info -> new ContainerRow(info, clock.instant()), (row, info) -> row.update(info, clock.instant()));
        selected.addListener((obs, was, now) -> {
            if (was != null) {
                was.runningProperty().removeListener(selectedRowChanged);
                was.busyProperty().removeListener(selectedRowChanged);
            }
            if (now != null) {
                now.runningProperty().addListener(selectedRowChanged);
                now.busyProperty().addListener(selectedRowChanged);
            }
            updateActions();
        });
    }

    /** The rows, newest container first. UI thread only. */
    public ObservableList<ContainerRow> rows() {
        return rows;
    }

    /** The selected row, or {@code null}; the view binds its table selection to it both ways. UI thread only. */
    public ObjectProperty<ContainerRow> selectedProperty() {
        return selected;
    }

    /** What the empty table says. UI thread only. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Whether Stop and Kill apply: the selected container runs and no action on it is in progress. */
    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    /** Whether Remove applies: a container is selected and no action on it is in progress. */
    public ReadOnlyBooleanProperty canRemoveProperty() {
        return canRemove.getReadOnlyProperty();
    }

    /** The selected container's id, if any. UI thread only. */
    public Optional<String> selectedId() {
        return Optional.ofNullable(selected.get()).map(ContainerRow::id);
    }

    /** The selected container as last listed, if any. UI thread only. */
    public Optional<ContainerInfo> selectedContainer() {
        return Optional.ofNullable(selected.get()).map(ContainerRow::info);
    }

    /**
     * Mirrors a fresh engine listing by diff and keeps (or makes) the selection; the first listing selects the
     * newest running container so the process tables have something to show at once. UI thread only.
     */
    public void apply(List<ContainerInfo> containers) {
        diff.apply(rows, containers);
        markStarting();
        placeholder.set(EMPTY);
        if (!loaded && pendingSelection == null && selected.get() == null) {
            rows.stream().filter(r -> r.runningProperty().get()).findFirst().ifPresent(selected::set);
        }
        loaded = true;
        if (pendingSelection != null && find(pendingSelection).isPresent()) {
            selected.set(find(pendingSelection).get());
            pendingSelection = null;
        } else if (selected.get() != null && !rows.contains(selected.get())) {
            selected.set(null);
        }
        updateActions();
    }

    /** Selects container {@code id} now, or as soon as a refresh lists it. UI thread only. */
    public void select(String id) {
        Optional<ContainerRow> row = find(id);
        if (row.isPresent()) {
            selected.set(row.get());
            pendingSelection = null;
        } else {
            pendingSelection = id;
        }
    }

    /** {@code docker stop} of the selected container, in the background. UI thread only. */
    public void stop() {
        act("stopping", "stop", row -> engine.stop(row.id(), STOP_GRACE));
    }

    /** {@code docker kill} of the selected container, in the background. UI thread only. */
    public void kill() {
        act("killing", "kill", row -> engine.kill(row.id()));
    }

    /** {@code docker rm -f} of the selected container (a running one is killed first), in the background. UI thread only. */
    public void remove() {
        act("removing", "remove", row -> engine.remove(row.id(), true));
    }

    private void act(String activity, String verb, Consumer<ContainerRow> call) {
        ContainerRow row = selected.get();
        if (row == null || row.busyProperty().get()) {
            return;
        }
        row.setActivity(activity);
        tasks.submit(() -> {
            call.accept(row);
            return row;
        }, done -> {
            done.setActivity(null);
            changed.run();
        }, failure -> {
            row.setActivity(null);
            notices.show("Could not " + verb + " " + row.nameProperty().get() + ": " + failure.getMessage());
            changed.run();
        });
    }

    /**
     * Shows container {@code id} as {@value #STARTING} (its actions off) until called with another id or
     * {@code null}, now or as soon as a refresh lists it. UI thread only.
     */
    public void showStarting(String id) {
        if (startingId != null && !startingId.equals(id)) {
            find(startingId).filter(r -> STARTING.equals(r.stateProperty().get())).ifPresent(r -> r.setActivity(null));
        }
        startingId = id;
        markStarting();
        updateActions();
    }

    private void markStarting() {
        if (startingId != null) {
            find(startingId).filter(r -> !r.busyProperty().get()).ifPresent(r -> r.setActivity(STARTING));
        }
    }

    private Optional<ContainerRow> find(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private void updateActions() {
        ContainerRow row = selected.get();
        boolean idle = row != null && !row.busyProperty().get();
        canStop.set(idle && row.runningProperty().get());
        canRemove.set(idle);
    }
}
