package io.isoscope.views.stats;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.common.Formats;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The selected container's CPU and memory use: the current numbers as text and the last minute of them as chart
 * points. Samples the engine once per {@link #tick} (the window's one-second refresh), only while {@link
 * #activeProperty() active} (its tab is shown) and the container runs; one sample at a time, in the background. CPU %
 * is docker's: 100 % is one CPU busy all the time. UI thread only.
 */
public final class StatsViewModel {

    /** How many points the charts keep: a minute at one sample a second. */
    public static final int WINDOW = 60;
    static final String SELECT_ONE = "Select a running container to see its CPU and memory use";
    static final String READING = "Reading usage…";
    static final String MEASURING = "…";
    static final String CPU_SCALE = "100 % = one CPU busy (docker's scale)";
    static final String GUEST_SILENT = "The guest agent did not answer: only the host's view of the VM";

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing");
    private final ReadOnlyBooleanWrapper vm = new ReadOnlyBooleanWrapper(this, "vm");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", SELECT_ONE);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Usage");
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper(this, "cpu", MEASURING);
    private final ReadOnlyStringWrapper cpuCaption = new ReadOnlyStringWrapper(this, "cpuCaption", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", MEASURING);
    private final ReadOnlyStringWrapper memoryCaption = new ReadOnlyStringWrapper(this, "memoryCaption", "");
    private final ReadOnlyDoubleWrapper memoryFraction = new ReadOnlyDoubleWrapper(this, "memoryFraction", 0);
    private final ReadOnlyBooleanWrapper limited = new ReadOnlyBooleanWrapper(this, "limited");
    private final ReadOnlyStringWrapper pids = new ReadOnlyStringWrapper(this, "pids", MEASURING);
    private final ReadOnlyStringWrapper pidsCaption = new ReadOnlyStringWrapper(this, "pidsCaption", "");
    private final ReadOnlyStringWrapper guest = new ReadOnlyStringWrapper(this, "guest", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper hostSeries = new ReadOnlyStringWrapper(this, "hostSeries", "container");
    private final ObservableList<StatsPoint> points = FXCollections.observableArrayList();

    private ContainerInfo selected;
    /** Bumped when the selection changes, so a sample taken for the one before is dropped. */
    private long generation;
    private boolean sampling;
    private ContainerStats first;
    private ContainerStats last;

    /** The view over {@code engine}, whose calls go through {@code tasks}. */
    public StatsViewModel(ContainerEngine engine, TaskRunner tasks) {
        this.engine = engine;
        this.tasks = tasks;
        active.addListener((obs, was, now) -> {
            if (now) {
                sampleNow(); // the numbers at once, not a second after the tab is opened
            }
        });
    }

    /** Whether the view is shown; sampling happens only then. The main view binds it to its tab's selection. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Whether there are numbers to show (else the {@link #placeholderProperty() placeholder}). */
    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    /** What the view says instead of numbers: select a container, it is not running, reading, or an error. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** E.g. "Usage of web (process isolation)". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** CPU use over the last second, e.g. "48.7 %"; "…" until two samples are in. */
    public ReadOnlyStringProperty cpuProperty() {
        return cpu.getReadOnlyProperty();
    }

    /** What the CPU number counts and its scale. */
    public ReadOnlyStringProperty cpuCaptionProperty() {
        return cpuCaption.getReadOnlyProperty();
    }

    /** Memory in use and the limit, e.g. "4.0 MiB / 64.0 MiB", or without a limit "4.0 MiB". */
    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** What the memory number counts and its share of the limit, e.g. "6.3 % of the limit · without page cache". */
    public ReadOnlyStringProperty memoryCaptionProperty() {
        return memoryCaption.getReadOnlyProperty();
    }

    /** Memory in use as a fraction of the limit, 0 to 1 (a VM worker can pass its RAM: capped at 1). */
    public ReadOnlyDoubleProperty memoryFractionProperty() {
        return memoryFraction.getReadOnlyProperty();
    }

    /** Whether there is a memory limit (for a fill bar). */
    public ReadOnlyBooleanProperty limitedProperty() {
        return limited.getReadOnlyProperty();
    }

    /** The number of the container's processes, e.g. "3", or "–" when unknown. */
    public ReadOnlyStringProperty pidsProperty() {
        return pids.getReadOnlyProperty();
    }

    /** Where the process count comes from. */
    public ReadOnlyStringProperty pidsCaptionProperty() {
        return pidsCaption.getReadOnlyProperty();
    }

    /** Whether the selected container is a VM, so the guest's numbers have a place. */
    public ReadOnlyBooleanProperty vmProperty() {
        return vm.getReadOnlyProperty();
    }

    /** A VM's own processes as the guest counts them, in one line; empty for process isolation. */
    public ReadOnlyStringProperty guestProperty() {
        return guest.getReadOnlyProperty();
    }

    /** Where the numbers come from, e.g. "Read from the cgroup v1 counters, every second while this tab is open". */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The name of the host-side series in the charts: "container" (its cgroup) or "vmwp". */
    public ReadOnlyStringProperty hostSeriesProperty() {
        return hostSeries.getReadOnlyProperty();
    }

    /** The last minute of samples, oldest first; at most {@link #WINDOW}, appended at the end, dropped at the front. */
    public ObservableList<StatsPoint> points() {
        return points;
    }

    /**
     * Switches to {@code container} (or none): another container's numbers and chart go at once, and a sample is
     * taken now if the view is shown. UI thread only.
     */
    public void select(ContainerInfo container) {
        boolean same = Objects.equals(id(container), id(selected));
        selected = container;
        if (same) {
            return;
        }
        generation++;
        sampling = false; // a sample in flight is for the old container: it is dropped, so it does not hold this up
        first = null;
        last = null;
        points.clear();
        vm.set(container != null && container.isolation() == Isolation.HYPERV);
        title.set(container == null ? "Usage" : "Usage of " + container.name() + " (" + container.isolation().label()
                + " isolation)");
        hostSeries.set(vm.get() ? "vmwp" : "container");
        showPlaceholder(container == null ? SELECT_ONE : container.isRunning() ? READING : notRunning(container));
        sampleNow();
    }

    /**
     * The periodic refresh, with the selected container as last listed: takes a sample if the view is shown, the
     * container runs and no sample is in flight. UI thread only.
     */
    public void tick(ContainerInfo container) {
        if (!Objects.equals(id(container), id(selected))) {
            select(container);
            return;
        }
        selected = container;
        sampleNow();
    }

    private void sampleNow() {
        if (!active.get() || selected == null || sampling) {
            return;
        }
        if (!selected.isRunning()) {
            stopped(selected);
            return;
        }
        sampling = true;
        long asked = generation;
        String id = selected.id();
        tasks.submit(() -> engine.stats(id), s -> {
            if (asked == generation) {
                sampling = false;
                apply(s);
            }
        }, e -> {
            if (asked == generation) {
                sampling = false;
                failed(e);
            }
        });
    }

    private void apply(ContainerStats s) {
        if (first == null) {
            first = s;
        }
        ContainerStats before = last;
        last = s;
        boolean isVm = vm.get();
        if (before != null) {
            double cpuPercent = s.cpuPercentSince(before);
            cpu.set(percent(cpuPercent));
            Double guestCpu = s.guestCpuPercentSince(before).isPresent()
                    ? s.guestCpuPercentSince(before).getAsDouble() : null;
            points.add(new StatsPoint(Duration.between(first.time(), s.time()).toNanos() / 1e9, cpuPercent,
                    mib(s.memoryBytes()), guestCpu, s.guest() == null ? null : mib(s.guest().memoryBytes())));
            if (points.size() > WINDOW) {
                points.remove(0, points.size() - WINDOW);
            }
        } else {
            cpu.set(MEASURING);
        }
        cpuCaption.set((isVm ? "the VM worker (vmwp): the guest and QEMU's emulation · " : "the container's cgroup · ")
                + CPU_SCALE);
        showMemory(s, isVm);
        pids.set(s.pids() == null ? "–" : Integer.toString(s.pids()));
        pidsCaption.set(isVm ? "the container's processes in the guest" : "processes and threads in the cgroup");
        guest.set(isVm ? guestLine(s, before) : "");
        source.set("Read from " + (isVm ? "the " + s.source() : "the " + s.source() + " counters")
                + ", every second while this tab is open");
        showing.set(true);
    }

    private void showMemory(ContainerStats s, boolean isVm) {
        Long limit = s.memoryLimitBytes();
        memory.set(Formats.bytes(s.memoryBytes()) + (limit == null ? "" : " / " + Formats.bytes(limit)));
        limited.set(limit != null);
        memoryFraction.set(s.memoryPercent().isPresent() ? Math.min(1, s.memoryPercent().getAsDouble() / 100) : 0);
        String share = s.memoryPercent().isPresent() ? percent(s.memoryPercent().getAsDouble()) : null;
        if (isVm) {
            // The worker's resident set holds QEMU's own memory too, so it can pass the VM's RAM.
            memoryCaption.set("the VM worker's resident set" + (share == null ? "" : " · " + share
                    + " of the VM's RAM (QEMU's own memory included)"));
        } else {
            memoryCaption.set(share == null ? "no memory limit (run with -m to set one) · without page cache"
                    : share + " of the limit · without page cache");
        }
    }

    private static String guestLine(ContainerStats s, ContainerStats before) {
        if (s.guest() == null) {
            return GUEST_SILENT;
        }
        ContainerStats.GuestUsage g = s.guest();
        String cpuText = before == null || s.guestCpuPercentSince(before).isEmpty() ? MEASURING
                : percent(s.guestCpuPercentSince(before).getAsDouble());
        String share = s.guestMemoryPercent().isPresent()
                ? " (" + percent(s.guestMemoryPercent().getAsDouble()) + " of its RAM)" : "";
        return "Inside the VM, as the guest counts them: " + cpuText + " CPU · " + Formats.bytes(g.memoryBytes())
                + share + " in " + g.processes() + (g.processes() == 1 ? " process" : " processes");
    }

    private void failed(RuntimeException e) {
        if (e instanceof EngineException ee && ee.kind() == EngineException.Kind.CONFLICT) {
            stopped(selected); // it ended between the listing and the sample; the next listing will say so too
            return;
        }
        last = null; // the next sample starts a new CPU interval
        showPlaceholder("Could not read the usage of " + selected.name() + ": " + e.getMessage());
    }

    private void stopped(ContainerInfo c) {
        last = null;
        showPlaceholder(notRunning(c));
    }

    private void showPlaceholder(String text) {
        placeholder.set(text);
        showing.set(false);
    }

    private static String notRunning(ContainerInfo c) {
        return c.name() + " is not running: only a running container has CPU and memory use to show";
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String id(ContainerInfo c) {
        return c == null ? null : c.id();
    }
}
