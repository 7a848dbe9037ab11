package io.isoscope.views.walkthrough;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import io.isoscope.views.common.UiTimer;
import io.isoscope.views.containers.ContainersViewModel;
import io.isoscope.views.processes.Emphasis;
import io.isoscope.views.processes.ProcessesViewModel;
import io.isoscope.views.walkthrough.scenario.HostLookup;
import io.isoscope.views.walkthrough.scenario.RemoveContainer;
import io.isoscope.views.walkthrough.scenario.RunContainer;
import io.isoscope.views.walkthrough.scenario.Scenario;
import io.isoscope.views.walkthrough.scenario.ScenarioException;
import io.isoscope.views.walkthrough.scenario.ScenarioReader;
import io.isoscope.views.walkthrough.scenario.ShowContainerTable;
import io.isoscope.views.walkthrough.scenario.Step;
import io.isoscope.views.walkthrough.scenario.StepAction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The guided isolation walkthrough: replays a {@link Scenario} step by step against the real engine — starting
 * containers, checking what each step is about is really there — and drives the other views (selects the container,
 * sets the host table's {@code get-process -Name} filter, emphasises a table) so the real tables show it. Next, Back,
 * Run all (a presenter mode that moves on once a step's condition is met, after a visible countdown) and Cancel;
 * the containers it started are removed when it ends, is cancelled or the window closes. Engine calls go through
 * the {@link TaskRunner}; state changes on the UI thread only (except {@link #close()} and
 * {@link #awaitCleanUp(Duration)}).
 */
public final class WalkthroughViewModel {

    /** How long a step waits for what it shows to be there before it says it is not. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
    /** How often a step asks again while it waits. */
    static final Duration RETRY_PERIOD = Duration.ofMillis(500);
    /** How long the clean-up waits for a container start still in flight (a VM boot) to end. */
    static final Duration START_IN_FLIGHT_TIMEOUT = Duration.ofSeconds(90);
    static final String INTRO_TITLE = "Before you start";
    static final String CHECKING_HYPERV = "Checking whether Hyper-V isolation can run here…";
    private static final System.Logger LOG = System.getLogger(WalkthroughViewModel.class.getName());

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final UiTimer timer;
    private final Clock clock;
    private final Notices notices;
    private final ContainersViewModel containers;
    private final ProcessesViewModel processes;
    private final Runnable refresh;
    private final ScenarioReader reader;

    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyStringWrapper scenarioTitle = new ReadOnlyStringWrapper(this, "scenarioTitle", "");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(this, "current", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper stepTitle = new ReadOnlyStringWrapper(this, "stepTitle", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<String> commands = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyCommands = FXCollections.unmodifiableObservableList(commands);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyObjectWrapper<StepStatus> outcomeStatus = new ReadOnlyObjectWrapper<>(this, "outcomeStatus", StepStatus.PENDING);
    private final ReadOnlyStringWrapper presenterStatus = new ReadOnlyStringWrapper(this, "presenterStatus");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper presenting = new ReadOnlyBooleanWrapper(this, "presenting");
    private final ReadOnlyBooleanWrapper cleaning = new ReadOnlyBooleanWrapper(this, "cleaning");
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(this, "canBack");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext");
    private final ReadOnlyBooleanWrapper canRunAll = new ReadOnlyBooleanWrapper(this, "canRunAll");
    private final ReadOnlyBooleanWrapper canLoad = new ReadOnlyBooleanWrapper(this, "canLoad");
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(this, "nextLabel", "Start");

    private Scenario scenario;
    /** Hyper-V's readiness once the engine has answered, else {@code null}. */
    private RuntimeReadiness hyperv;
    /** The current run's containers; swapped on the UI thread, or by close() as the window goes. */
    private volatile WalkthroughSession session;
    private final ScenarioContainers containersOfRun = new ScenarioContainers();
    private final Countdown countdown;
    /** Bumped whenever the current step changes or the walkthrough ends: late answers for an older one are dropped. */
    private int generation;
    private UiTimer.Scheduled retry;
    private Instant deadline;
    private String savedFilter;
    private boolean savedOnlySelected;
    private volatile CompletableFuture<Void> cleanup = CompletableFuture.completedFuture(null);

    /**
     * A walkthrough over {@code engine} that drives {@code containers} and {@code processes}; {@code refresh} asks
     * the window for a fresh sample of the tables; {@code timer} paces the countdown and retries, {@code clock}
     * measures how long a step has waited; failures to clean up go to {@code notices}.
     */
    public WalkthroughViewModel(ContainerEngine engine, TaskRunner tasks, UiTimer timer, Clock clock, Notices notices,
                                ContainersViewModel containers, ProcessesViewModel processes, Runnable refresh,
                                ScenarioReader reader) {
        this.engine = engine;
        this.tasks = tasks;
        this.timer = timer;
        this.clock = clock;
        this.notices = notices;
        this.containers = containers;
        this.processes = processes;
        this.refresh = refresh;
        this.reader = reader;
        this.countdown = new Countdown(timer);
        countdown.secondsLeftProperty().addListener((obs, was, now) -> {
            if (now.intValue() > 0) {
                presenterStatus.set("Next step in " + now + " s");
            }
        });
    }

    // ---- what the view binds to ----

    /** Whether the walkthrough panel is shown. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** The scenario's title. */
    public ReadOnlyStringProperty scenarioTitleProperty() {
        return scenarioTitle.getReadOnlyProperty();
    }

    /** Why the scenario last chosen could not be used (every problem, each with its fix), or {@code null}. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** The steps, for the overview. */
    public ObservableList<StepRow> steps() {
        return steps;
    }

    /** The current step's index (0-based), or -1 before the first. */
    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** E.g. "Step 3 of 7". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** From 0 (not started) to 1 (at the last step). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The current step's title. */
    public ReadOnlyStringProperty stepTitleProperty() {
        return stepTitle.getReadOnlyProperty();
    }

    /** What to notice at the current step (the scenario's description before the first). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The commands the current step stands for (docker, get-process, ps). Read-only. */
    public ObservableList<String> commands() {
        return readOnlyCommands;
    }

    /** What the current step saw: the started container, the processes found, get-process's message, or why not. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Where the current step stands, for the outcome's colour and icon. */
    public ReadOnlyObjectProperty<StepStatus> outcomeStatusProperty() {
        return outcomeStatus.getReadOnlyProperty();
    }

    /** What Run all is doing ("Next step in 5 s", "Paused: …"), or {@code null} when it is off. */
    public ReadOnlyStringProperty presenterStatusProperty() {
        return presenterStatus.getReadOnlyProperty();
    }

    /** Seconds until Run all moves on, or -1 when it is not counting down. */
    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return countdown.secondsLeftProperty();
    }

    /** Whether the current step's engine action (a start, a removal) is in flight. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether Run all is on. */
    public ReadOnlyBooleanProperty presentingProperty() {
        return presenting.getReadOnlyProperty();
    }

    /** Whether the containers the walkthrough started are being removed. */
    public ReadOnlyBooleanProperty cleaningProperty() {
        return cleaning.getReadOnlyProperty();
    }

    /** Whether Back applies. */
    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    /** Whether Next (Start, Finish) applies. */
    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    /** Whether Run all (or Pause) applies. */
    public ReadOnlyBooleanProperty canRunAllProperty() {
        return canRunAll.getReadOnlyProperty();
    }

    /** Whether another scenario may be loaded: only before the first step, so no container is left behind. */
    public ReadOnlyBooleanProperty canLoadProperty() {
        return canLoad.getReadOnlyProperty();
    }

    /** "Start", "Next" or "Finish". */
    public ReadOnlyStringProperty nextLabelProperty() {
        return nextLabel.getReadOnlyProperty();
    }

    // ---- actions ----

    /**
     * Shows the panel with the scenario (the built-in one the first time) before its first step, and asks the
     * engine whether Hyper-V isolation can run here. Does nothing while the panel is shown. UI thread only.
     */
    public void open() {
        if (open.get() || cleaning.get()) {
            return;
        }
        if (scenario == null) {
            try {
                scenario = reader.builtIn();
            } catch (ScenarioException e) {
                loadError.set(e.getMessage());
            }
        }
        // The walkthrough takes over the host table's filter; the user's own comes back when it ends.
        savedFilter = processes.hostFilterProperty().get();
        savedOnlySelected = processes.onlySelectedProperty().get();
        session = new WalkthroughSession();
        open.set(true);
        reset();
        loadReadiness();
    }

    /** Loads the scenario in {@code file} in the background; a bad one is reported and the current one kept. UI thread only. */
    public void load(Path file) {
        if (!canLoad.get()) {
            return;
        }
        tasks.submit(() -> {
            try {
                return reader.read(file);
            } catch (ScenarioException e) {
                throw new BadScenario(e);
            }
        }, loaded -> {
            if (current.get() != -1 || !open.get()) {
                return; // started (or ended) meanwhile: keep what runs
            }
            scenario = loaded;
            loadError.set(null);
            reset();
        }, e -> loadError.set(e instanceof BadScenario bad ? bad.getCause().getMessage()
                : "Could not read " + file + ": " + e.getMessage()));
    }

    /** Goes to the next step and runs it; on the last step, finishes (see {@link #finish()}). UI thread only. */
    public void next() {
        if (!canNext.get()) {
            return;
        }
        if (current.get() == scenario.steps().size() - 1) {
            finish();
            return;
        }
        enter(current.get() + 1);
    }

    /** Goes back one step and shows it again (containers already started stay; Run all pauses). UI thread only. */
    public void back() {
        if (!canBack.get()) {
            return;
        }
        stopPresenting(null);
        enter(current.get() - 1);
    }

    /**
     * Run all, or Pause while it runs: from the current step on, each step runs, and once its condition is met a
     * countdown of the scenario's presenter seconds leads to the next. A failed step pauses it. UI thread only.
     */
    public void toggleRunAll() {
        if (!canRunAll.get()) {
            return;
        }
        if (presenting.get()) {
            stopPresenting("Paused — Run all goes on from here");
            return;
        }
        presenting.set(true);
        presenterStatus.set("Run all");
        updateNavigation();
        int index = current.get();
        if (index == -1) {
            enter(0);
        } else if (!busy.get() && steps.get(index).statusProperty().get() != StepStatus.RUNNING) {
            enter(index + 1);
        }
        // A step still running moves on by itself once it settles.
    }

    /** Ends the walkthrough after its last step: removes its containers and closes the panel. UI thread only. */
    public void finish() {
        end();
    }

    /**
     * Cancels the walkthrough wherever it is: stops Run all, removes the containers it started (and any still
     * starting, once started), restores the host filter and closes the panel. UI thread only.
     */
    public void cancel() {
        end();
    }

    /**
     * The window is closing: removes the walkthrough's containers in the background without touching any UI
     * state. Pair with {@link #awaitCleanUp(Duration)}. Any thread; idempotent.
     */
    public void close() {
        WalkthroughSession ending;
        synchronized (this) {
            ending = session;
            session = null;
        }
        if (ending != null && !ending.isClosed()) {
            cleanup = removeAll(ending, ignored -> { });
        }
    }

    /**
     * Waits at most {@code timeout} for the walkthrough's containers to be removed; returns whether they were. Any
     * thread (the window waits for it before the engine closes).
     */
    public boolean awaitCleanUp(Duration timeout) {
        try {
            cleanup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    // ---- the steps ----

    private void reset() {
        cancelTimers();
        generation++;
        containersOfRun.clear();
        current.set(-1);
        busy.set(false);
        presenting.set(false);
        presenterStatus.set(null);
        steps.clear();
        if (scenario == null) {
            scenarioTitle.set("No scenario");
            stepTitle.set(INTRO_TITLE);
            notice.set("");
            commands.clear();
            outcome.set("Open a scenario file to start");
            outcomeStatus.set(StepStatus.FAILED);
            progressText.set("");
            progress.set(0);
            updateNavigation();
            return;
        }
        scenarioTitle.set(scenario.title());
        for (int i = 0; i < scenario.steps().size(); i++) {
            steps.add(new StepRow(i + 1, scenario.steps().get(i).title()));
        }
        markUnavailable();
        showIntro();
        updateNavigation();
    }

    private void showIntro() {
        int count = scenario.steps().size();
        stepTitle.set(INTRO_TITLE);
        notice.set(scenario.description());
        commands.clear();
        progressText.set(count + (count == 1 ? " step" : " steps") + " · not started");
        progress.set(0);
        if (usesHyperv() && hyperv == null) {
            outcome.set(CHECKING_HYPERV);
            outcomeStatus.set(StepStatus.RUNNING);
        } else if (usesHyperv() && !hyperv.available()) {
            outcome.set(hypervReason() + " The Hyper-V steps will say so instead of running.");
            outcomeStatus.set(StepStatus.UNAVAILABLE);
        } else {
            outcome.set("Start runs step 1; Run all presents the steps one after another. The containers it starts "
                    + "are removed when it ends.");
            outcomeStatus.set(StepStatus.PENDING);
        }
    }

    private void enter(int index) {
        cancelTimers();
        int gen = ++generation;
        Step step = scenario.steps().get(index);
        current.set(index);
        stepTitle.set(step.title());
        notice.set(step.notice());
        commands.setAll(StepCommands.of(step.action(), containersOfRun::nameOf));
        progressText.set("Step " + (index + 1) + " of " + scenario.steps().size());
        progress.set((index + 1) / (double) scenario.steps().size());
        if (presenting.get()) {
            presenterStatus.set("Run all");
        }
        String unavailable = containersOfRun.whyItCannotRun(scenario, step.action(), hypervReason());
        if (unavailable != null) {
            settle(StepStatus.UNAVAILABLE, unavailable);
            return;
        }
        steps.get(index).setStatus(StepStatus.RUNNING);
        outcomeStatus.set(StepStatus.RUNNING);
        deadline = clock.instant().plus(CHECK_TIMEOUT);
        StepAction action = step.action();
        if (action instanceof RunContainer run) {
            runContainer(gen, index, run);
        } else if (action instanceof ShowContainerTable show) {
            showContainerTable(gen, show);
        } else if (action instanceof HostLookup lookup) {
            lookUp(gen, lookup);
        } else if (action instanceof RemoveContainer remove) {
            removeContainer(gen, index, remove);
        }
        updateNavigation();
    }

    private void runContainer(int gen, int index, RunContainer run) {
        ContainerInfo existing = containersOfRun.get(run.as());
        if (existing != null) {
            // Back to a start that already happened: show that container rather than start another.
            drive(existing, "", false, Emphasis.NONE);
            settle(StepStatus.DONE, existing.name() + " is already running (started at step "
                    + containersOfRun.startedBy(run.as()) + "); it is selected in the container list");
            return;
        }
        outcome.set(run.isolation() == Isolation.HYPERV
                ? "Starting " + run.as() + ": booting its utility VM…" : "Starting " + run.as() + "…");
        busy.set(true);
        // The previous step's lookup would linger in the tables while the container starts (a VM takes a while).
        drive(null, "", false, Emphasis.NONE);
        WalkthroughSession s = session;
        tasks.submit(() -> start(s, run), info -> {
            if (s != session) {
                return; // ended meanwhile; the session removed it
            }
            containersOfRun.started(run.as(), info, index + 1);
            busy.set(false);
            if (gen != generation) {
                return;
            }
            drive(info, "", false, Emphasis.NONE);
            settle(StepStatus.DONE, "Started " + info.name() + " (" + info.shortId() + ") with " + info.isolation().label()
                    + " isolation" + (info.hostPid() == null ? "" : info.isolation() == Isolation.HYPERV
                    ? "; its VM worker is host PID " + info.hostPid() : "; its first process is host PID " + info.hostPid())
                    + (info.runtime() == null ? "" : " — " + info.runtime()));
        }, e -> {
            if (s != session || e instanceof CancellationException) {
                return;
            }
            boolean cannotRunHere = e instanceof EngineException ee && ee.kind() == EngineException.Kind.RUNTIME_UNAVAILABLE;
            String why = cannotRunHere && run.isolation() == Isolation.HYPERV && hypervReason() != null
                    ? hypervReason() : "Could not start " + run.as() + ": " + message(e);
            containersOfRun.failed(run.as(), why);
            busy.set(false);
            if (gen != generation) {
                return;
            }
            settle(cannotRunHere ? StepStatus.UNAVAILABLE : StepStatus.FAILED, why);
        });
    }

    /** Background: starts the container for {@code run} under a free name; removes it again if the walkthrough ended. */
    private ContainerInfo start(WalkthroughSession s, RunContainer run) {
        s.begin();
        try {
            ContainerInfo info = engine.run(new ContainerSpec(run.image(), run.command(), freeName(run.as()),
                    run.isolation(), List.of(), false));
            if (!s.register(info.id())) {
                removeQuietly(info.id());
                throw new CancellationException("the walkthrough ended while " + info.name() + " started");
            }
            return info;
        } finally {
            s.end();
        }
    }

    private String freeName(String alias) {
        Set<String> taken = engine.list(true).stream().map(ContainerInfo::name).collect(Collectors.toSet());
        String base = alias;
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private void showContainerTable(int gen, ShowContainerTable show) {
        ContainerInfo container = containersOfRun.get(show.container());
        drive(container, "", false, Emphasis.CONTAINER_TABLE);
        outcome.set("Reading docker top " + container.name() + "…");
        check(gen, () -> {
            ContainerInfo now = engine.inspect(container.id());
            return StepChecks.insideTable(now, now.isRunning() ? engine.processes(now.id()) : List.of());
        });
    }

    private void lookUp(int gen, HostLookup lookup) {
        ContainerInfo scope = lookup.container() == null ? null : containersOfRun.get(lookup.container());
        drive(scope, lookup.name(), scope != null, Emphasis.HOST_TABLE);
        outcome.set("Looking up " + lookup.name() + " on the host…");
        Map<String, String> names = containersOfRun.namesById();
        check(gen, () -> StepChecks.hostLookup(lookup, scope, engine.hostProcesses(),
                id -> names.getOrDefault(id, id.length() > 12 ? id.substring(0, 12) : id)));
    }

    private void removeContainer(int gen, int index, RemoveContainer remove) {
        ContainerInfo container = containersOfRun.get(remove.container());
        if (container == null) {
            processes.emphasize(Emphasis.NONE);
            settle(StepStatus.DONE, remove.container() + " was removed at step "
                    + containersOfRun.removedBy(remove.container()) + "; it is in neither table any more");
            return;
        }
        outcome.set("Removing " + container.name() + "…");
        busy.set(true);
        processes.emphasize(Emphasis.NONE);
        WalkthroughSession s = session;
        tasks.submit(() -> {
            engine.remove(container.id(), true);
            s.forget(container.id());
            return container;
        }, removed -> {
            if (s != session) {
                return;
            }
            containersOfRun.removed(remove.container(), index + 1);
            busy.set(false);
            if (gen != generation) {
                return;
            }
            refresh.run();
            settle(StepStatus.DONE, "Removed " + removed.name() + ": its processes are gone from both tables");
        }, e -> {
            if (s != session || gen != generation) {
                return;
            }
            busy.set(false);
            settle(StepStatus.FAILED, "Could not remove " + container.name() + ": " + message(e));
        });
    }

    /** Asks {@code probe} in the background until its condition is met, it cannot be, or the step times out. */
    private void check(int gen, Supplier<StepChecks.Outcome> probe) {
        tasks.submit(probe::get, result -> {
            if (gen != generation) {
                return;
            }
            if (result.met()) {
                settle(StepStatus.DONE, result.text());
            } else if (!result.retry() || !clock.instant().isBefore(deadline)) {
                settle(StepStatus.FAILED, result.text());
            } else {
                outcome.set(result.text() + " — waiting…");
                retry = timer.schedule(RETRY_PERIOD, () -> {
                    if (gen == generation) {
                        check(gen, probe);
                    }
                });
            }
        }, e -> {
            if (gen == generation) {
                settle(StepStatus.FAILED, message(e));
            }
        });
    }

    /** Makes the real views show what a step is about, and asks for a fresh sample of the tables. */
    private void drive(ContainerInfo container, String hostFilter, boolean onlySelected, Emphasis emphasis) {
        if (container != null) {
            containers.select(container.id());
        }
        processes.hostFilterProperty().set(hostFilter);
        processes.onlySelectedProperty().set(onlySelected);
        processes.emphasize(emphasis);
        refresh.run();
    }

    private void settle(StepStatus status, String text) {
        cancelTimers();
        int index = current.get();
        steps.get(index).setStatus(status);
        outcomeStatus.set(status);
        outcome.set(text);
        // The names are known now (a start may have had to pick another one).
        commands.setAll(StepCommands.of(scenario.steps().get(index).action(), containersOfRun::nameOf));
        updateNavigation();
        if (!presenting.get()) {
            return;
        }
        if (status == StepStatus.FAILED) {
            stopPresenting("Paused: step " + (index + 1) + " did not go as expected");
        } else if (index == scenario.steps().size() - 1) {
            stopPresenting("All steps shown — Finish removes the containers the walkthrough started");
        } else {
            Integer dwell = scenario.steps().get(index).presenterSeconds();
            int gen = generation;
            countdown.start(dwell == null ? scenario.presenterSeconds() : dwell, () -> {
                if (gen == generation && presenting.get()) {
                    enter(current.get() + 1);
                }
            });
        }
    }

    private void stopPresenting(String status) {
        presenting.set(false);
        countdown.cancel();
        presenterStatus.set(status);
        updateNavigation();
    }

    private void cancelTimers() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        countdown.cancel();
    }

    private void markUnavailable() {
        if (hyperv == null || hyperv.available()) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (needsHyperv(scenario.steps().get(i).action()) && steps.get(i).statusProperty().get() == StepStatus.PENDING) {
                steps.get(i).setStatus(StepStatus.UNAVAILABLE);
            }
        }
    }

    private boolean usesHyperv() {
        return scenario.steps().stream().anyMatch(s -> needsHyperv(s.action()));
    }

    private boolean needsHyperv(StepAction action) {
        if (action instanceof RunContainer run) {
            return run.isolation() == Isolation.HYPERV;
        }
        return action.usedContainer().flatMap(scenario::declaration)
                .map(r -> r.isolation() == Isolation.HYPERV).orElse(false);
    }

    private void loadReadiness() {
        tasks.submit(engine::readiness, readiness -> {
            hyperv = readiness.stream().filter(r -> r.isolation() == Isolation.HYPERV).findFirst()
                    .orElse(new RuntimeReadiness(Isolation.HYPERV, false, null, "the engine has no Hyper-V runtime", null));
            if (scenario != null && open.get()) {
                markUnavailable();
                if (current.get() == -1) {
                    showIntro();
                }
            }
        }, e -> {
            // Unknown: the Hyper-V steps try, and say what the engine says if they cannot.
            LOG.log(System.Logger.Level.WARNING, "could not check the runtimes' readiness: {0}", e.getMessage());
            if (scenario != null && open.get() && current.get() == -1) {
                hyperv = null;
                outcome.set("Could not check whether Hyper-V isolation can run here: " + message(e));
                outcomeStatus.set(StepStatus.PENDING);
            }
        });
    }

    /** Why Hyper-V isolation cannot run here, with the fix; {@code null} when it can or the engine has not said. */
    private String hypervReason() {
        if (hyperv == null || hyperv.available()) {
            return null;
        }
        String reason = hyperv.reason() == null ? "the engine cannot run utility VMs here" : hyperv.reason();
        return "Hyper-V isolation is not available here: " + reason
                + (hyperv.fix() == null ? "." : ". Fix: " + hyperv.fix() + ".");
    }

    // ---- the end ----

    private void end() {
        if (!open.get() || cleaning.get()) {
            return;
        }
        cancelTimers();
        generation++;
        presenting.set(false);
        presenterStatus.set(null);
        busy.set(false);
        cleaning.set(true);
        updateNavigation();
        WalkthroughSession ending;
        synchronized (this) {
            ending = session;
            session = null;
        }
        List<String> names = containersOfRun.all().stream().map(ContainerInfo::name).toList();
        outcomeStatus.set(StepStatus.RUNNING);
        outcome.set(names.isEmpty() ? "Ending the walkthrough…"
                : "Removing the containers the walkthrough started: " + String.join(", ", names) + "…");
        CompletableFuture<List<String>> failures = new CompletableFuture<>();
        cleanup = ending == null ? CompletableFuture.completedFuture(null)
                : removeAll(ending, failures::complete);
        if (ending == null) {
            failures.complete(List.of());
        }
        failures.thenAccept(problems -> tasks.onUi(() -> ended(problems)));
    }

    private void ended(List<String> problems) {
        cleaning.set(false);
        open.set(false);
        processes.hostFilterProperty().set(savedFilter == null ? "" : savedFilter);
        processes.onlySelectedProperty().set(savedOnlySelected);
        processes.emphasize(Emphasis.NONE);
        if (!problems.isEmpty()) {
            notices.show("The walkthrough could not remove everything it started: " + String.join("; ", problems));
        }
        reset();
        refresh.run();
    }

    /**
     * Background: ends {@code ending} and removes its containers, then waits for starts still in flight (they remove
     * their own); hands the problems (if any) to {@code done}, on the background thread.
     */
    private CompletableFuture<Void> removeAll(WalkthroughSession ending, Consumer<List<String>> done) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        List<String> ids = ending.close();
        tasks.submit(() -> {
            List<String> problems = new ArrayList<>();
            try {
                for (String id : ids) {
                    try {
                        engine.remove(id, true);
                    } catch (EngineException e) {
                        if (e.kind() != EngineException.Kind.NO_SUCH_CONTAINER) {
                            problems.add(e.getMessage());
                        }
                    } catch (RuntimeException e) {
                        problems.add(String.valueOf(e.getMessage()));
                    }
                }
                try {
                    if (!ending.awaitIdle(START_IN_FLIGHT_TIMEOUT)) {
                        problems.add("a container start did not end within " + START_IN_FLIGHT_TIMEOUT.toSeconds()
                                + " s; look for the scenario's containers in the list and remove them");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.accept(problems);
            } finally {
                finished.complete(null);
            }
            return problems;
        }, problems -> { }, e -> LOG.log(System.Logger.Level.WARNING, "walkthrough clean-up failed", e));
        return finished;
    }

    private void removeQuietly(String id) {
        try {
            engine.remove(id, true);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + id + ": " + e.getMessage());
        }
    }

    // ---- small things ----

    private void updateNavigation() {
        boolean ready = scenario != null && open.get() && !cleaning.get();
        int index = current.get();
        int last = scenario == null ? -1 : scenario.steps().size() - 1;
        canLoad.set(open.get() && !cleaning.get() && index == -1 && !busy.get());
        canBack.set(ready && index > 0 && !busy.get());
        canNext.set(ready && !busy.get());
        canRunAll.set(ready && (presenting.get() || index < last));
        nextLabel.set(index == -1 ? "Start" : index == last ? "Finish" : "Next");
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Carries a checked {@link ScenarioException} out of a background task. */
    private static final class BadScenario extends RuntimeException {
        BadScenario(ScenarioException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
