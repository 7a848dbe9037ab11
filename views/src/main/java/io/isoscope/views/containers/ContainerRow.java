package io.isoscope.views.containers;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of the container list, updated in place on every refresh so the table keeps its selection.
 * UI thread only.
 */
public final class ContainerRow {

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper shortId = new ReadOnlyStringWrapper(this, "shortId");
    private final ReadOnlyStringWrapper image = new ReadOnlyStringWrapper(this, "image");
    private final ReadOnlyStringWrapper isolation = new ReadOnlyStringWrapper(this, "isolation");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper(this, "uptime");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private ContainerInfo info;
    private String activity;

    ContainerRow(ContainerInfo info, Instant now) {
        this.id = info.id();
        update(info, now);
    }

    /** Takes the values of a newer snapshot of the same container. */
    void update(ContainerInfo next, Instant now) {
        this.info = next;
        name.set(next.name());
        shortId.set(next.shortId());
        image.set(next.image());
        isolation.set(next.isolation().label());
        command.set(String.join(" ", next.command()));
        running.set(next.isRunning());
        uptime.set(next.isRunning() && next.startedAt() != null
                ? uptime(Duration.between(next.startedAt(), now)) : "—");
        showState();
    }

    /** Marks an action in progress ("stopping", ...) or, with {@code null}, its end. */
    void setActivity(String text) {
        this.activity = text;
        busy.set(text != null);
        showState();
    }

    ContainerInfo info() {
        return info;
    }

    /** The full container id; never changes. */
    public String id() {
        return id;
    }

    /** Container name. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** The first 12 hex digits of the id. */
    public ReadOnlyStringProperty shortIdProperty() {
        return shortId.getReadOnlyProperty();
    }

    /** Image reference, e.g. {@code busybox:latest}. */
    public ReadOnlyStringProperty imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Isolation label: "Process" or "Hyper-V". */
    public ReadOnlyStringProperty isolationProperty() {
        return isolation.getReadOnlyProperty();
    }

    /** "running", "exited (137)", "created", "dead", or the action in progress ("stopping"). */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How long it has been running, e.g. "4m 05s"; a dash when not running. */
    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    /** The command it runs, as one line. */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    /** Whether its workload runs now. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether a stop, kill or remove is in progress for it. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void showState() {
        if (activity != null) {
            state.set(activity);
            return;
        }
        ContainerState s = info.state();
        state.set(s == ContainerState.EXITED && info.exitCode() != null
                ? "exited (" + info.exitCode() + ")" : s.name().toLowerCase(Locale.ROOT));
    }

    /** Compact uptime: "12s", "4m 05s", "2h 03m", "3d 4h". */
    static String uptime(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd %dh", s / 86400, (s % 86400) / 3600);
    }
}
