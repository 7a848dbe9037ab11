package io.isoscope.views.main;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.ScheduledUiTimer;
import io.isoscope.views.common.TaskRunner;
import io.isoscope.views.common.UiTimer;
import io.isoscope.views.console.ConsoleViewModel;
import io.isoscope.views.containers.ContainersViewModel;
import io.isoscope.views.details.DetailsViewModel;
import io.isoscope.views.events.EventsViewModel;
import io.isoscope.views.logs.LogsViewModel;
import io.isoscope.views.processes.HostColumn;
import io.isoscope.views.processes.ProcessesViewModel;
import io.isoscope.views.readiness.ReadinessViewModel;
import io.isoscope.views.run.RunViewModel;
import io.isoscope.views.stats.StatsViewModel;
import io.isoscope.views.walkthrough.WalkthroughViewModel;
import io.isoscope.views.walkthrough.scenario.ScenarioReader;
import io.isoscope.views.settings.Settings;
import io.isoscope.views.settings.SettingsStore;
import io.isoscope.views.settings.SettingsViewModel;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.SetChangeListener;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The window's ViewModel: owns the feature ViewModels, the live refresh (one background sample of the container
 * list and both process tables, applied on the UI thread by diff), and the one place where engine events are
 * marshalled to the UI thread. UI thread only, except {@link #close()}.
 */
public final class MainViewModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MainViewModel.class.getName());

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final Notices notices = new Notices();
    private final ContainersViewModel containers;
    private final RunViewModel run;
    private final ProcessesViewModel processes;
    private final StatsViewModel stats;
    private final WalkthroughViewModel walkthrough;
    /** The timer this ViewModel made itself (and so closes), or {@code null} when the caller passed one. */
    private final ScheduledUiTimer ownTimer;
    private final ConsoleViewModel console;
    private final LogsViewModel logs;
    private final DetailsViewModel details;
    private final EventsViewModel events;
    private final SettingsViewModel settings;
    private final ReadinessViewModel readiness;

    private boolean refreshing;
    private boolean refreshAgain;
    private AutoCloseable subscription;

    /**
     * The window over {@code engine}: engine calls run on {@code background}, state changes on {@code ui}
     * ({@code Platform::runLater} in the app, a direct executor in tests); {@code clock} drives uptimes.
     */
    public MainViewModel(ContainerEngine engine, Executor background, Executor ui, Clock clock) {
        this(engine, background, ui, clock, null, SettingsStore.inMemory());
    }

    /**
     * As {@link #MainViewModel(ContainerEngine, Executor, Executor, Clock)}, with {@code timer} pacing what waits on
     * the UI thread (the walkthrough's countdown and retries; {@code null} makes a timer with its own thread) and
     * the app's preferences kept in {@code settingsStore} (read now; a problem reading them becomes a warning).
     */
    public MainViewModel(ContainerEngine engine, Executor background, Executor ui, Clock clock, UiTimer timer,
                         SettingsStore settingsStore) {
        this.ownTimer = timer == null ? ScheduledUiTimer.withOwnThread(ui) : null;
        this.engine = engine;
        this.tasks = new TaskRunner(background, ui);
        this.containers = new ContainersViewModel(engine, tasks, notices, clock, this::refresh);
        this.run = new RunViewModel(engine, tasks, notices, this::started);
        this.processes = new ProcessesViewModel(engine, tasks);
        this.stats = new StatsViewModel(engine, tasks);
        this.walkthrough = new WalkthroughViewModel(engine, tasks, timer == null ? ownTimer : timer, clock, notices,
                containers, processes, this::refresh, new ScenarioReader());
        this.console = new ConsoleViewModel(engine, tasks, notices);
        this.logs = new LogsViewModel(engine, tasks, clock.getZone());
        this.details = new DetailsViewModel(engine, tasks, clock.getZone());
        this.events = new EventsViewModel(engine, tasks, clock.getZone());
        containers.selectedProperty().addListener((obs, was, now) -> {
            ContainerInfo selected = containers.selectedContainer().orElse(null);
            processes.select(selected);
            stats.select(selected);
            console.select(selected);
            logs.select(selected);
            details.select(selected);
            events.select(selected);
            refresh();
        });
        this.settings = new SettingsViewModel(settingsStore, notices);
        // A check from the Readiness panel also tells the Run form (and the header) what it found.
        this.readiness = new ReadinessViewModel(engine, tasks, clock, run::loadReadiness);
        applyDefaults(settings.currentProperty().get());
        // Only a change of the Run form's defaults resets its choices: hiding a host column saves settings too.
        settings.currentProperty().addListener((obs, was, now) -> {
            if (was.defaultIsolation() != now.defaultIsolation() || was.vmMemoryMiB() != now.vmMemoryMiB()
                    || was.vmCpus() != now.vmCpus()) {
                applyDefaults(now);
            }
        });
        keepHostColumns();
        // The container the form is starting shows as "starting…" (and is selected) while a VM boots.
        run.startingIdProperty().addListener((obs, was, now) -> {
            containers.showStarting(now);
            if (now != null) {
                containers.select(now);
                refresh();
            }
        });
    }

    /** The app's preferences and the Settings dialog. */
    public SettingsViewModel settings() {
        return settings;
    }

    /** The Readiness panel: which isolations work here and how to fix the others. */
    public ReadinessViewModel readiness() {
        return readiness;
    }

    /** The settings' Run form defaults; a VM size equal to the engine's own is left implicit (no extra flags). */
    private void applyDefaults(Settings s) {
        Settings d = Settings.DEFAULTS;
        run.applyDefaults(s.defaultIsolation(), s.vmMemoryMiB() == d.vmMemoryMiB() ? 0 : s.vmMemoryMiB(),
                s.vmCpus() == d.vmCpus() ? 0 : s.vmCpus());
    }

    /**
     * The host columns hidden in the settings are hidden in the table, and the ones the user hides or shows are
     * saved at once. Names the window does not know (a newer version's column) stay in the settings.
     */
    private void keepHostColumns() {
        Set<String> saved = settings.currentProperty().get().hiddenHostColumns();
        for (HostColumn column : HostColumn.values()) {
            if (saved.contains(column.name())) {
                processes.hiddenHostColumns().add(column);
            }
        }
        processes.hiddenHostColumns().addListener((SetChangeListener<HostColumn>) change -> {
            Set<String> hidden = new HashSet<>(settings.currentProperty().get().hiddenHostColumns());
            for (HostColumn column : HostColumn.values()) {
                hidden.remove(column.name());
            }
            processes.hiddenHostColumns().forEach(column -> hidden.add(column.name()));
            settings.hideHostColumns(hidden);
        });
    }

    /** The container list. */
    public ContainersViewModel containers() {
        return containers;
    }

    /** The Run form. */
    public RunViewModel run() {
        return run;
    }

    /** The two process tables. */
    public ProcessesViewModel processes() {
        return processes;
    }

    /** The selected container's CPU and memory use. */
    public StatsViewModel stats() {
        return stats;
    }

    /** The guided isolation walkthrough. */
    public WalkthroughViewModel walkthrough() {
        return walkthrough;
    }

    /** The Console tab: a terminal on the selected container. */
    public ConsoleViewModel console() {
        return console;
    }

    /** The Logs tab: the selected container's output. */
    public LogsViewModel logs() {
        return logs;
    }

    /** The Details tab: inspect of the selected container. */
    public DetailsViewModel details() {
        return details;
    }

    /** The Events tab: the recorded events as a timeline. */
    public EventsViewModel events() {
        return events;
    }

    /** The notice about the last engine failure and the engine's warnings. */
    public Notices notices() {
        return notices;
    }

    /** One line about the runtimes, for the window header. */
    public ReadOnlyStringProperty readinessSummaryProperty() {
        return run.readinessSummaryProperty();
    }

    /**
     * Subscribes to engine events, asks for the engine's warnings, readiness and the images to offer, and takes the
     * first sample. Call once, on the UI thread.
     */
    public void start() {
        // Engine threads call the listener; this is the one place their events cross to the UI thread.
        subscription = engine.subscribe(event -> tasks.onUi(() -> eventArrived(event)));
        loadWarnings();
        events.load();
        run.loadReadiness();
        run.loadImages();
        refresh();
    }

    /**
     * The periodic refresh: takes a sample unless the previous one is still running, in which case this tick is
     * skipped so ticks never pile up behind a slow engine; the Events tab re-reads the record every few ticks
     * while it shows. UI thread only.
     */
    public void tick() {
        if (!refreshing) {
            refresh();
        }
        // Its own sample, one in flight at most, and only while its tab is shown.
        stats.tick(containers.selectedContainer().orElse(null));
        events.tick();
    }

    /**
     * The Logs tab's tick, every few hundred milliseconds: reads what the selected container wrote since the last
     * read, while that tab shows (in the background; a read still running makes this one a no-op). UI thread only.
     */
    public void pollLogs() {
        logs.poll();
    }

    /**
     * Takes a fresh sample now; if one is running, exactly one more follows it (so a change that happened while
     * sampling is not missed, and many requests collapse into one). UI thread only.
     */
    public void refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        String selectedId = containers.selectedId().orElse(null);
        tasks.submit(() -> sample(selectedId), this::applySample, this::sampleFailed);
    }

    /**
     * Unsubscribes from engine events and starts removing the walkthrough's containers (wait for that with
     * {@code walkthrough().awaitCleanUp}); the engine itself belongs to the caller. Thread-safe, idempotent.
     */
    @Override
    public synchronized void close() {
        walkthrough.close();
        if (ownTimer != null) {
            ownTimer.close();
        }
        console.close();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "could not unsubscribe from engine events", e);
            }
            subscription = null;
        }
    }

    /** Shows what the engine had to repair when it opened (e.g. a damaged database moved aside), once. */
    private void loadWarnings() {
        tasks.submit(engine::warnings, warnings -> warnings.forEach(w -> notices.warn(w.message(), w.detail())),
                e -> notices.show("Could not read the engine's warnings: " + e.getMessage()));
    }

    /** A consistent view of the engine for one refresh. */
    private record Sample(List<ContainerInfo> containers, ProcessesViewModel.Snapshot processes) {
    }

    private Sample sample(String selectedId) {
        List<ContainerInfo> list = engine.list(true);
        ContainerInfo selected = selectedId == null ? null
                : list.stream().filter(c -> c.id().equals(selectedId)).findFirst().orElse(null);
        return new Sample(list, processes.fetch(selected));
    }

    private void applySample(Sample sample) {
        try {
            containers.apply(sample.containers());
            processes.apply(sample.processes());
            console.select(containers.selectedContainer().orElse(null));
            details.select(containers.selectedContainer().orElse(null));
        } finally {
            // Whatever happens here, the live refresh must not stay "running" for ever.
            refreshDone();
        }
    }

    private void sampleFailed(RuntimeException e) {
        notices.show("Could not read the engine's state: " + e.getMessage());
        refreshDone();
    }

    private void refreshDone() {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    private void eventArrived(EngineEvent event) {
        events.add(event);
        refresh();
    }

    private void started(ContainerInfo info) {
        containers.select(info.id());
        if (info.tty()) {
            console.requestShow();
        }
        refresh();
    }
}
