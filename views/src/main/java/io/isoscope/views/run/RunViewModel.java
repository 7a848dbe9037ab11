package io.isoscope.views.run;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.DockerCommandLine;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.ImageInfo;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LimitSyntax;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The Run form: image (offered from the engine's store), command, name, limits (memory, CPUs, pids) and
 * isolation, the equivalent {@code docker run} line, validation of the fields, and running the container in the
 * background. A failed run keeps every field as typed. UI thread only.
 */
public final class RunViewModel {

    /** The built-in image: always offered and the default, as the engine makes it on first use. */
    static final String DEFAULT_IMAGE = "busybox";
    /** The store's name for the default image, which the list does not offer twice. */
    private static final String DEFAULT_IMAGE_REFERENCE = DEFAULT_IMAGE + ":latest";
    private static final System.Logger LOG = System.getLogger(RunViewModel.class.getName());

    static final String IMAGE_REQUIRED = "Enter an image, e.g. busybox";
    static final String COMMAND_REQUIRED = "Enter the command to run, e.g. ping 127.0.0.1";
    static final String CHECKING = "Checking whether Hyper-V isolation can run here…";
    static final String PIDS_PROMPT = "pids " + ContainerSpec.DEFAULT_PIDS_LIMIT;
    static final String PIDS_NOT_APPLICABLE_PROMPT = "pids: n/a";
    static final String PIDS_HINT = "Most processes at once (docker run --pids-limit); empty: "
            + ContainerSpec.DEFAULT_PIDS_LIMIT + ", -1: no limit";
    static final String PIDS_NOT_APPLICABLE_HINT = "Process isolation only: a Hyper-V container's processes run in its"
            + " VM's own kernel, out of reach of the host's cgroups";

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final Notices notices;
    private final Consumer<ContainerInfo> started;

    private final StringProperty image = new SimpleStringProperty(this, "image", DEFAULT_IMAGE);
    private final ObservableList<String> images = FXCollections.observableArrayList(DEFAULT_IMAGE);
    private final ObservableList<String> offeredImages = FXCollections.unmodifiableObservableList(images);
    private final StringProperty command = new SimpleStringProperty(this, "command", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty memory = new SimpleStringProperty(this, "memory", "");
    private final StringProperty cpus = new SimpleStringProperty(this, "cpus", "");
    private final StringProperty pidsLimit = new SimpleStringProperty(this, "pidsLimit", "");
    private final ReadOnlyStringWrapper limitsError = new ReadOnlyStringWrapper(this, "limitsError");
    private final BooleanProperty hyperv = new SimpleBooleanProperty(this, "hyperv");
    private final BooleanProperty tty = new SimpleBooleanProperty(this, "tty");
    private final ReadOnlyBooleanWrapper hypervAvailable = new ReadOnlyBooleanWrapper(this, "hypervAvailable");
    private final ReadOnlyStringWrapper hypervReason = new ReadOnlyStringWrapper(this, "hypervReason", CHECKING);
    private final ReadOnlyStringWrapper readinessSummary = new ReadOnlyStringWrapper(this, "readinessSummary", "");
    private final ReadOnlyStringWrapper dockerCommandLine = new ReadOnlyStringWrapper(this, "dockerCommandLine");
    private final ReadOnlyStringWrapper imageError = new ReadOnlyStringWrapper(this, "imageError");
    private final ReadOnlyStringWrapper commandError = new ReadOnlyStringWrapper(this, "commandError");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanBinding pidsLimitApplicable = hyperv.not();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress");
    private final ReadOnlyStringWrapper startingId = new ReadOnlyStringWrapper(this, "startingId");
    /** The isolation the settings ask the form to start with, once Hyper-V is known to run here. */
    private Isolation preferredIsolation = Isolation.PROCESS;
    /** The settings' VM size, offered in the limits while Hyper-V is chosen; 0 until the settings say. */
    private int vmMemoryMiB;
    private int vmCpus;
    /** What the form last filled in itself, so that it only ever replaces its own suggestion, never typed text. */
    private String prefilledMemory;
    private String prefilledCpus;
    private boolean offeredHyperv;

    /** After the first Run click, empty fields are flagged as they are edited, not before. */
    private boolean validating;
    private String imageEngineError;
    private String commandEngineError;

    /** A form over {@code engine}; {@code started} receives each container it starts, on the UI thread. */
    public RunViewModel(ContainerEngine engine, TaskRunner tasks, Notices notices, Consumer<ContainerInfo> started) {
        this.engine = engine;
        this.tasks = tasks;
        this.notices = notices;
        this.started = started;
        for (Observable field : List.of(image, command, name, hyperv, memory, cpus, pidsLimit, tty)) {
            field.addListener(obs -> dockerCommandLine.set(DockerCommandLine.of(spec(), true)));
        }
        for (Observable field : List.of(memory, cpus, pidsLimit, hyperv)) {
            field.addListener(obs -> validate());
        }
        image.addListener(obs -> {
            imageEngineError = null;
            validate();
        });
        command.addListener(obs -> {
            commandEngineError = null;
            validate();
        });
        hyperv.addListener(obs -> {
            if (hyperv.get() && !hypervAvailable.get()) {
                hyperv.set(false);
            }
            prefillVmSize();
        });
        dockerCommandLine.set(DockerCommandLine.of(spec(), true));
    }

    /** Image reference as typed. */
    public StringProperty imageProperty() {
        return image;
    }

    /**
     * The images to offer for the image field: {@value #DEFAULT_IMAGE} first (it exists once first used), then
     * the store's other images by reference. Read-only.
     */
    public ObservableList<String> images() {
        return offeredImages;
    }

    /** Command line as typed; split into words like a shell would. */
    public StringProperty commandProperty() {
        return command;
    }

    /** Optional container name. */
    public StringProperty nameProperty() {
        return name;
    }

    /** Memory limit as typed in docker's spelling, e.g. {@code 256m}; empty for the default. */
    public StringProperty memoryProperty() {
        return memory;
    }

    /** CPU limit as typed, a whole number; empty for the default. */
    public StringProperty cpusProperty() {
        return cpus;
    }

    /**
     * Pids limit as typed: a number of processes, -1 for none; empty for the default. Process isolation only: with
     * Hyper-V chosen it is not sent (see {@link #pidsLimitApplicableProperty()}).
     */
    public StringProperty pidsLimitProperty() {
        return pidsLimit;
    }

    /** Whether the pids limit applies: only to process isolation (a VM's processes are out of the host's cgroups). */
    public ObservableBooleanValue pidsLimitApplicableProperty() {
        return pidsLimitApplicable;
    }

    /** What is wrong with the limits, or {@code null}. */
    public ReadOnlyStringProperty limitsErrorProperty() {
        return limitsError.getReadOnlyProperty();
    }

    /** Hyper-V isolation chosen (else process); cannot be set while Hyper-V is unavailable. */
    public BooleanProperty hypervProperty() {
        return hyperv;
    }

    /** Run on a terminal with stdin open ({@code -it}), so the Console tab can attach to it, e.g. for sh. */
    public BooleanProperty ttyProperty() {
        return tty;
    }

    /** Whether the engine says Hyper-V isolation can run here. */
    public ReadOnlyBooleanProperty hypervAvailableProperty() {
        return hypervAvailable.getReadOnlyProperty();
    }

    /** Why Hyper-V is unavailable and how to fix it, or {@code null} when it is available. */
    public ReadOnlyStringProperty hypervReasonProperty() {
        return hypervReason.getReadOnlyProperty();
    }

    /** One line about the runtimes, e.g. "Process: runc 1.1.5 · Hyper-V: unavailable". */
    public ReadOnlyStringProperty readinessSummaryProperty() {
        return readinessSummary.getReadOnlyProperty();
    }

    /** The equivalent {@code docker run -d ...} command line, updated as the form changes. */
    public ReadOnlyStringProperty dockerCommandLineProperty() {
        return dockerCommandLine.getReadOnlyProperty();
    }

    /** What is wrong with the image field, or {@code null}. */
    public ReadOnlyStringProperty imageErrorProperty() {
        return imageError.getReadOnlyProperty();
    }

    /** What is wrong with the command field, or {@code null}. */
    public ReadOnlyStringProperty commandErrorProperty() {
        return commandError.getReadOnlyProperty();
    }

    /** The engine's message for the last failed run when no single field caused it, or {@code null}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last successful run started, or {@code null}. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether a run is in progress. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Asks the engine which isolations can run here, in the background. UI thread only. */
    public void loadReadiness() {
        tasks.submit(engine::readiness, this::applyReadiness,
                e -> hypervReason.set("Could not check Hyper-V isolation: " + e.getMessage()));
    }

    /**
     * Asks the engine which images it has, in the background, and offers them; on failure the list stays as it
     * was (the field accepts any reference anyway). UI thread only.
     */
    public void loadImages() {
        tasks.submit(engine::images, this::applyImages,
                e -> LOG.log(System.Logger.Level.WARNING, "could not list the engine's images: {0}", e.getMessage()));
    }

    /**
     * Validates the fields and, if they are fine, runs the container in the background; on success it is
     * handed to the {@code started} callback, on failure the engine's message is shown and the fields are kept.
     * Returns whether a run was started. UI thread only.
     */
    public boolean run() {
        validating = true;
        // Clicking Run again is the retry: the engine decides afresh whether image and command are fine.
        imageEngineError = null;
        commandEngineError = null;
        if (!validate() || busy.get()) {
            return false;
        }
        ContainerSpec spec = spec();
        busy.set(true);
        error.set(null);
        status.set(null);
        createThenStart(spec);
        return true;
    }

    private void succeeded(ContainerInfo info) {
        busy.set(false);
        progress.set(null);
        startingId.set(null);
        status.set("Started " + info.name() + " (" + info.shortId() + ")");
        // The name is taken now; keep the rest so the same container can be started again at once.
        name.set("");
        started.accept(info);
        // The first run of the built-in image, or of a new reference, adds it to the store.
        loadImages();
    }

    private void applyImages(List<ImageInfo> stored) {
        List<String> offered = new ArrayList<>(List.of(DEFAULT_IMAGE));
        stored.stream().map(ImageInfo::reference)
                .filter(r -> !r.equals(DEFAULT_IMAGE) && !r.equals(DEFAULT_IMAGE_REFERENCE))
                .sorted().distinct().forEach(offered::add);
        // An unchanged list is left alone, so an open drop-down does not flicker on every run.
        if (!offered.equals(images)) {
            images.setAll(offered);
        }
    }

    private void failed(RuntimeException e) {
        busy.set(false);
        progress.set(null);
        startingId.set(null);
        String message = e instanceof EngineException ? e.getMessage() : "Unexpected failure: " + e;
        // A failure caused by one field is shown at that field; any other below the form. Both go to the notice.
        EngineException.Kind kind = e instanceof EngineException ee ? ee.kind() : null;
        if (kind == EngineException.Kind.IMAGE_NOT_FOUND) {
            imageEngineError = message;
        } else if (kind == EngineException.Kind.COMMAND_NOT_FOUND) {
            commandEngineError = message;
        } else {
            error.set(message);
        }
        validate();
        notices.show("Could not run " + image.get().trim() + ": " + message);
    }

    private void applyReadiness(List<RuntimeReadiness> readiness) {
        StringBuilder summary = new StringBuilder();
        for (RuntimeReadiness r : readiness) {
            if (!summary.isEmpty()) {
                summary.append("   ·   ");
            }
            summary.append(r.isolation().label()).append(": ")
                    .append(r.available() ? r.runtime() : "unavailable");
            if (r.isolation() == Isolation.HYPERV) {
                hypervAvailable.set(r.available());
                hypervReason.set(r.available() ? null : reasonText(r));
            }
        }
        readinessSummary.set(summary.toString());
        if (!hypervAvailable.get()) {
            hyperv.set(false);
        } else if (!busy.get() && preferredIsolation == Isolation.HYPERV && !offeredHyperv) {
            // Once, when Hyper-V turns out to work: the settings' default; later checks leave the user's choice alone.
            offeredHyperv = true;
            hyperv.set(true);
        }
    }

    private static String reasonText(RuntimeReadiness r) {
        String reason = r.reason() == null ? "Hyper-V isolation is not available here" : r.reason();
        return r.fix() == null ? reason : reason + ". Fix: " + r.fix();
    }

    /**
     * What the form is doing while {@link #busyProperty() busy}, e.g. "Starting web: booting its VM…", or
     * {@code null}.
     */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The id of the container this form has created and is starting now, or {@code null}. */
    public ReadOnlyStringProperty startingIdProperty() {
        return startingId.getReadOnlyProperty();
    }

    /**
     * Takes the settings' defaults: {@code isolation} is chosen now (Hyper-V only where it can run; if that is not
     * known yet, as soon as it is), and while Hyper-V is chosen the limits offer {@code vmMemoryMiB} and
     * {@code vmCpus} (replacing only values the form filled in itself); 0 offers nothing, leaving the engine's own
     * VM size. UI thread only.
     */
    public void applyDefaults(Isolation isolation, int vmMemoryMiB, int vmCpus) {
        this.preferredIsolation = isolation;
        this.vmMemoryMiB = vmMemoryMiB;
        this.vmCpus = vmCpus;
        if (busy.get()) {
            prefillVmSize();
            return;
        }
        offeredHyperv = hypervAvailable.get();
        boolean wantHyperv = isolation == Isolation.HYPERV && hypervAvailable.get();
        if (hyperv.get() != wantHyperv) {
            hyperv.set(wantHyperv); // the listener prefills
        } else {
            prefillVmSize();
        }
    }

    /** Offers the settings' VM size while Hyper-V is chosen and takes it back when it is not; typed values stay. */
    private void prefillVmSize() {
        boolean offer = hyperv.get();
        String mem = offer && vmMemoryMiB > 0 ? LimitSyntax.memoryText(vmMemoryMiB) : "";
        String cpu = offer && vmCpus > 0 ? Integer.toString(vmCpus) : "";
        if (memory.get().isBlank() || memory.get().equals(prefilledMemory)) {
            memory.set(mem);
            prefilledMemory = mem.isEmpty() ? null : mem;
        }
        if (cpus.get().isBlank() || cpus.get().equals(prefilledCpus)) {
            cpus.set(cpu);
            prefilledCpus = cpu.isEmpty() ? null : cpu;
        }
    }

    /**
     * Creates, then starts, in two background steps so the window can show the new container as "starting…" while
     * a VM boots; a failed start removes what create made, as {@link ContainerEngine#run} does.
     */
    private void createThenStart(ContainerSpec spec) {
        progress.set("Creating the container (a first run prepares the image)…");
        tasks.submit(() -> engine.create(spec), created -> {
            progress.set(created.isolation() == Isolation.HYPERV
                    ? "Starting " + created.name() + ": booting its VM…" : "Starting " + created.name() + "…");
            startingId.set(created.id());
            tasks.submit(() -> startOrRemove(created), this::succeeded, this::failed);
        }, this::failed);
    }

    private ContainerInfo startOrRemove(ContainerInfo created) {
        try {
            return engine.start(created.id());
        } catch (RuntimeException e) {
            try {
                engine.remove(created.id(), true);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private boolean validate() {
        imageError.set(validating && image.get().isBlank() ? IMAGE_REQUIRED : imageEngineError);
        commandError.set(validating && CommandWords.split(command.get()).isEmpty() ? COMMAND_REQUIRED : commandEngineError);
        // Text that is not a number is flagged as it is typed; whether a number fits the host is the engine's say.
        limitsError.set(limitSyntaxError());
        return imageError.get() == null && commandError.get() == null && limitsError.get() == null;
    }

    private String limitSyntaxError() {
        try {
            LimitSyntax.memoryMiB(memory.get());
        } catch (IllegalArgumentException e) {
            return "Memory: " + e.getMessage();
        }
        try {
            LimitSyntax.cpus(cpus.get());
        } catch (IllegalArgumentException e) {
            return "CPUs: " + e.getMessage();
        }
        try {
            if (pidsLimitApplicable.get()) {
                LimitSyntax.pidsLimit(pidsLimit.get());
            }
        } catch (IllegalArgumentException e) {
            return "Pids limit: " + e.getMessage();
        }
        return null;
    }

    private ContainerSpec spec() {
        return new ContainerSpec(image.get(), CommandWords.split(command.get()), name.get(),
                hyperv.get() ? Isolation.HYPERV : Isolation.PROCESS, List.of(), false,
                orDefault(LimitSyntax::memoryMiB, memory.get()), orDefault(LimitSyntax::cpus, cpus.get()),
                pidsLimitApplicable.get() ? orDefault(LimitSyntax::pidsLimit, pidsLimit.get()) : 0)
                .withTty(tty.get());
    }

    /** The parsed value, or the default while the text is not one (the field shows the error meanwhile). */
    private static int orDefault(ToIntFunction<String> parse, String text) {
        try {
            return parse.applyAsInt(text);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
