package io.isoscope.views.readiness;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.views.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Readiness panel: for each isolation whether it works on this host, its runtime and version, and for a missing
 * piece the exact fix; "Check again" asks the engine afresh (after the user ran a fix). UI thread only; the engine is
 * asked through the {@link TaskRunner}.
 */
public final class ReadinessViewModel {

    static final String CHECKING = "Checking what can run here…";
    static final String TCG_NOTE = "TCG: QEMU emulates the CPU because /dev/kvm is not usable here, so VMs start in"
            + " seconds rather than instantly. KVM needs hardware virtualisation (vmx/svm) and access to /dev/kvm.";
    static final String KVM_NOTE = "KVM: the VMs run on the CPU's hardware virtualisation.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final Clock clock;
    private final Runnable checked;

    private final ObservableList<ReadinessRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ReadinessRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", CHECKING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");
    private final ReadOnlyBooleanWrapper allAvailable = new ReadOnlyBooleanWrapper(this, "allAvailable");

    /**
     * The panel over {@code engine}; {@code clock} stamps each check, {@code checked} is called on the UI thread
     * after each one (so the rest of the window can follow what it found).
     */
    public ReadinessViewModel(ContainerEngine engine, TaskRunner tasks, Clock clock, Runnable checked) {
        this.engine = engine;
        this.tasks = tasks;
        this.clock = clock;
        this.checked = checked;
    }

    /** One row per isolation, process first. */
    public ObservableList<ReadinessRow> rows() {
        return readOnlyRows;
    }

    /** Whether a check is running. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** When the last check ran, or what went wrong asking. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** One line for the panel's title, e.g. "Both isolations work here" or "1 of 2 isolations works here". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether every isolation works here. */
    public ReadOnlyBooleanProperty allAvailableProperty() {
        return allAvailable.getReadOnlyProperty();
    }

    /** Asks the engine which isolations work here, in the background; a check already running is not doubled. UI thread only. */
    public void check() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        status.set(CHECKING);
        tasks.submit(engine::readiness, this::apply, e -> {
            checking.set(false);
            status.set("Could not ask the engine: " + e.getMessage());
            checked.run();
        });
    }

    private void apply(List<RuntimeReadiness> readiness) {
        checking.set(false);
        rows.setAll(readiness.stream().sorted((a, b) -> a.isolation().compareTo(b.isolation())).map(ReadinessViewModel::row).toList());
        long working = rows.stream().filter(ReadinessRow::available).count();
        allAvailable.set(working == rows.size());
        summary.set(working == rows.size() ? (rows.size() == 2 ? "Both isolations work here" : "Every isolation works here")
                : working == 0 ? "No isolation works here yet" : working + " of " + rows.size() + " isolations work here");
        status.set("Checked at " + LocalTime.ofInstant(clock.instant(), zone()).format(TIME));
        checked.run();
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    static ReadinessRow row(RuntimeReadiness r) {
        boolean hyperv = r.isolation() == Isolation.HYPERV;
        String name = r.isolation().label() + " isolation";
        String how = hyperv ? "a QEMU utility VM per container; the host sees only its vmwp worker"
                : "Linux namespaces run by runc; the host sees the container's processes";
        String runtime = r.runtime() == null ? "—" : r.runtime();
        String reason = r.available() ? null : r.reason() == null ? "the engine gave no reason" : sentence(r.reason());
        String fix = r.available() ? null : r.fix();
        if (reason != null && r.reason() != null && r.reason().startsWith("the configured")) {
            // The path may come from the environment or from Settings; both are the user's to change.
            reason = reason + " The path comes from " + (hyperv ? "ISOSCOPE_QEMU" : "ISOSCOPE_RUNC")
                    + " or from Settings → Paths.";
        }
        String note = null;
        if (hyperv && r.runtime() != null) {
            note = r.runtime().contains("TCG") ? TCG_NOTE : r.runtime().contains("KVM") ? KVM_NOTE : null;
        }
        String step = null;
        String command = null;
        if (fix != null) {
            // The engine writes a fix as a command, or as "a step: the command", or as a step alone.
            int colon = fix.indexOf(": ");
            if (isCommand(fix)) {
                command = absolute(fix.trim());
            } else if (colon > 0 && isCommand(fix.substring(colon + 2))) {
                step = sentence(fix.substring(0, colon));
                command = absolute(fix.substring(colon + 2).trim());
            } else {
                step = sentence(fix);
            }
        }
        return new ReadinessRow(name, how, r.available(), r.available() ? "Works here" : "Not available", runtime,
                reason, step, command, note);
    }

    /** Whether {@code text} is something to paste into a shell rather than a step to take. */
    static boolean isCommand(String text) {
        String f = text.trim();
        return f.startsWith("apt-get ") || f.startsWith("sudo ") || f.startsWith("installer/") || f.startsWith("./")
                || f.startsWith("/") || f.startsWith("modprobe ") || f.startsWith("chmod ") || f.startsWith("usermod ");
    }

    /**
     * The command with its scripts ({@code installer/...}, {@code ./isoscope}) made absolute where they exist from
     * here (the launcher runs the app in its own directory), so the copied command runs from any directory.
     */
    static String absolute(String command) {
        String[] words = command.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("installer/") || words[i].startsWith("./")) {
                Path script = Path.of(words[i]);
                if (Files.isRegularFile(script)) {
                    words[i] = script.toAbsolutePath().normalize().toString();
                }
            }
        }
        return String.join(" ", words);
    }

    private static String sentence(String text) {
        String t = text.trim();
        String s = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
