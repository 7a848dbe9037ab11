package io.isoscope.views.settings;

import io.isoscope.engine.api.Isolation;
import io.isoscope.views.common.Notices;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The app's preferences: the settings in use ({@link #currentProperty()}, which the window follows), and the
 * Settings dialog's form over them — edited as text, checked as typed, applied and stored by {@link #save()}, or
 * dropped by {@link #cancel()}. The theme is previewed while the dialog is open. The tool paths only take effect
 * when the engine opens, so the form says when a saved change waits for a restart. UI thread only.
 */
public final class SettingsViewModel {

    static final String PROCESS = Isolation.PROCESS.label();
    static final String HYPERV = Isolation.HYPERV.label();
    static final String RESTART_NOTE = "The runc, QEMU and guest paths take effect when Isoscope restarts;"
            + " the engine keeps the ones it opened with until then.";

    private final SettingsStore store;
    private final Notices notices;
    /** The paths the engine was opened with (those loaded at start). */
    private final Settings startup;

    private final ReadOnlyObjectWrapper<Settings> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper(this, "editing");

    private final ObservableList<String> isolations = FXCollections.unmodifiableObservableList(
            FXCollections.observableArrayList(PROCESS, HYPERV));
    private final StringProperty isolation = new SimpleStringProperty(this, "isolation");
    private final StringProperty refresh = new SimpleStringProperty(this, "refresh");
    private final StringProperty memory = new SimpleStringProperty(this, "memory");
    private final StringProperty cpus = new SimpleStringProperty(this, "cpus");
    private final StringProperty runcPath = new SimpleStringProperty(this, "runcPath");
    private final StringProperty qemuPath = new SimpleStringProperty(this, "qemuPath");
    private final StringProperty guestDir = new SimpleStringProperty(this, "guestDir");
    private final BooleanProperty darkDraft = new SimpleBooleanProperty(this, "darkDraft");

    private final ReadOnlyStringWrapper refreshError = new ReadOnlyStringWrapper(this, "refreshError");
    private final ReadOnlyStringWrapper memoryError = new ReadOnlyStringWrapper(this, "memoryError");
    private final ReadOnlyStringWrapper cpusError = new ReadOnlyStringWrapper(this, "cpusError");
    private final ReadOnlyStringWrapper pathsError = new ReadOnlyStringWrapper(this, "pathsError");
    private final ReadOnlyStringWrapper pathsWarning = new ReadOnlyStringWrapper(this, "pathsWarning");
    private final ReadOnlyStringWrapper restartNote = new ReadOnlyStringWrapper(this, "restartNote");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final BooleanBinding dark;

    /**
     * The settings of {@code store}, loaded now; a problem reading them (e.g. a corrupt file moved aside) becomes a
     * warning in {@code notices}, never an exception.
     */
    public SettingsViewModel(SettingsStore store, Notices notices) {
        this.store = store;
        this.notices = notices;
        LoadedSettings loaded = store.load();
        this.startup = loaded.settings();
        current.set(loaded.settings());
        if (loaded.problem() != null) {
            notices.warn(loaded.problem(), loaded.detail());
        }
        BooleanBinding savedDark = Bindings.createBooleanBinding(() -> current.get().theme() == Theme.DARK, current);
        // While the dialog is open its theme choice shows at once; Cancel goes back to the saved one.
        this.dark = Bindings.when(editing).then(darkDraft).otherwise(savedDark);
        for (Observable field : List.of(refresh, memory, cpus, runcPath, qemuPath, guestDir)) {
            field.addListener(obs -> validate());
        }
        fill(current.get());
        updateRestartNote();
    }

    /** The settings in use; replaced (never mutated) by a save. */
    public ReadOnlyObjectProperty<Settings> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Whether the window is dark now: the saved theme, or the dialog's choice while it is open. */
    public ObservableBooleanValue darkProperty() {
        return dark;
    }

    /** Whether the dialog is open (between {@link #edit()} and {@link #save()} or {@link #cancel()}). */
    public ReadOnlyBooleanProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Where the settings are stored, for the dialog. */
    public String location() {
        return store.location();
    }

    /** The isolations to choose the default from, by label. */
    public ObservableList<String> isolations() {
        return isolations;
    }

    /** The default isolation's label in the form ("Process" or "Hyper-V"). */
    public StringProperty isolationProperty() {
        return isolation;
    }

    /** The refresh interval in seconds, as typed. */
    public StringProperty refreshProperty() {
        return refresh;
    }

    /** The VM memory in MiB, as typed. */
    public StringProperty memoryProperty() {
        return memory;
    }

    /** The VM's vCPUs, as typed. */
    public StringProperty cpusProperty() {
        return cpus;
    }

    /** The runc binary, as typed; blank for the default. */
    public StringProperty runcPathProperty() {
        return runcPath;
    }

    /** The QEMU binary, as typed; blank for the default. */
    public StringProperty qemuPathProperty() {
        return qemuPath;
    }

    /** The guest kernel directory, as typed; blank for the default. */
    public StringProperty guestDirProperty() {
        return guestDir;
    }

    /** The dark theme chosen in the form (shown at once, kept by Save). */
    public BooleanProperty darkDraftProperty() {
        return darkDraft;
    }

    /** What is wrong with the refresh interval, or {@code null}. */
    public ReadOnlyStringProperty refreshErrorProperty() {
        return refreshError.getReadOnlyProperty();
    }

    /** What is wrong with the VM memory, or {@code null}. */
    public ReadOnlyStringProperty memoryErrorProperty() {
        return memoryError.getReadOnlyProperty();
    }

    /** What is wrong with the vCPUs, or {@code null}. */
    public ReadOnlyStringProperty cpusErrorProperty() {
        return cpusError.getReadOnlyProperty();
    }

    /** What is wrong with a path (it must be absolute), or {@code null}. */
    public ReadOnlyStringProperty pathsErrorProperty() {
        return pathsError.getReadOnlyProperty();
    }

    /** A path that can be saved but names nothing usable yet (Readiness will report it), or {@code null}. */
    public ReadOnlyStringProperty pathsWarningProperty() {
        return pathsWarning.getReadOnlyProperty();
    }

    /** Set when saved paths differ from those the engine opened with: they wait for a restart. */
    public ReadOnlyStringProperty restartNoteProperty() {
        return restartNote.getReadOnlyProperty();
    }

    /** Why the last save could not be stored, or {@code null}. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    /** Whether the form can be saved (no field is wrong). */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Opens the form on the settings in use. UI thread only. */
    public void edit() {
        fill(current.get());
        saveError.set(null);
        editing.set(true);
    }

    /** Puts the defaults into the form (saved only by {@link #save()}). UI thread only. */
    public void restoreDefaults() {
        fill(Settings.DEFAULTS);
    }

    /** Drops the form's changes and ends the theme preview. UI thread only. */
    public void cancel() {
        editing.set(false);
        fill(current.get());
        saveError.set(null);
    }

    /**
     * Applies the form's settings at once and stores them; returns whether the form is closed. A wrong field keeps
     * it open and changes nothing; a store that cannot be written keeps the settings for this session, says so, and
     * leaves the form open with the reason. UI thread only.
     */
    public boolean save() {
        if (!validate()) {
            return false;
        }
        Settings next = new Settings(HYPERV.equals(isolation.get()) ? Isolation.HYPERV : Isolation.PROCESS,
                Double.parseDouble(normalised(refresh.get())), Integer.parseInt(memory.get().trim()),
                Integer.parseInt(cpus.get().trim()), runcPath.get(), qemuPath.get(), guestDir.get(),
                darkDraft.get() ? Theme.DARK : Theme.LIGHT, current.get().hiddenHostColumns());
        current.set(next);
        updateRestartNote();
        try {
            store.save(next);
        } catch (IOException | RuntimeException e) {
            String why = "Could not save the settings to " + store.location() + " (" + e.getMessage()
                    + "); they apply until Isoscope closes.";
            saveError.set(why);
            notices.show(why);
            return false;
        }
        saveError.set(null);
        editing.set(false);
        return true;
    }

    /**
     * Keeps {@code hidden} as the host table's hidden columns and stores it at once (no dialog: the user chose them
     * in the table). A store that cannot be written keeps them for this session and says so. UI thread only.
     */
    public void hideHostColumns(Set<String> hidden) {
        if (current.get().hiddenHostColumns().equals(hidden)) {
            return;
        }
        Settings next = current.get().withHiddenHostColumns(hidden);
        current.set(next);
        try {
            store.save(next);
        } catch (IOException | RuntimeException e) {
            notices.show("Could not save the host table's columns to " + store.location() + " (" + e.getMessage()
                    + "); they apply until Isoscope closes.");
        }
    }

    private void fill(Settings s) {
        isolation.set(s.defaultIsolation() == Isolation.HYPERV ? HYPERV : PROCESS);
        refresh.set(seconds(s.refreshSeconds()));
        memory.set(Integer.toString(s.vmMemoryMiB()));
        cpus.set(Integer.toString(s.vmCpus()));
        runcPath.set(s.runcPath());
        qemuPath.set(s.qemuPath());
        guestDir.set(s.guestDir());
        darkDraft.set(s.theme() == Theme.DARK);
        validate();
    }

    private boolean validate() {
        refreshError.set(refreshProblem(refresh.get()));
        memoryError.set(intProblem(memory.get(), Settings.MIN_VM_MEMORY, Settings.MAX_VM_MEMORY,
                "VM memory: a whole number of MiB from " + Settings.MIN_VM_MEMORY + " to " + Settings.MAX_VM_MEMORY
                        + ", e.g. 128"));
        cpusError.set(intProblem(cpus.get(), 1, Settings.MAX_VM_CPUS,
                "vCPUs: a whole number from 1 to " + Settings.MAX_VM_CPUS + ", e.g. 1"));
        checkPaths();
        boolean ok = refreshError.get() == null && memoryError.get() == null && cpusError.get() == null
                && pathsError.get() == null;
        valid.set(ok);
        return ok;
    }

    private void checkPaths() {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkPath("runc", runcPath.get(), "/usr/sbin/runc", errors, warnings, p -> Files.isExecutable(p) && !Files.isDirectory(p),
                "is not an executable file");
        checkPath("QEMU", qemuPath.get(), "/usr/bin/qemu-system-x86_64", errors, warnings,
                p -> Files.isExecutable(p) && !Files.isDirectory(p), "is not an executable file");
        checkPath("Guest directory", guestDir.get(), "/var/cache/isoscope/guest", errors, warnings,
                p -> Files.isReadable(p.resolve("vmlinuz")), "holds no vmlinuz (installer/fetch-guest-kernel.sh puts it there)");
        pathsError.set(errors.isEmpty() ? null : String.join("\n", errors));
        pathsWarning.set(warnings.isEmpty() ? null : String.join("\n", warnings));
    }

    private static void checkPath(String what, String text, String example, List<String> errors, List<String> warnings,
                                  java.util.function.Predicate<Path> usable, String unusable) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return;
        }
        Path p;
        try {
            p = Path.of(t);
        } catch (InvalidPathException e) {
            errors.add(what + ": " + e.getReason() + "; give an absolute path such as " + example + ", or leave it empty");
            return;
        }
        if (!p.isAbsolute()) {
            errors.add(what + ": give an absolute path such as " + example + ", or leave it empty for the default");
        } else if (!usable.test(p)) {
            warnings.add(what + ": " + t + " " + unusable + "; Readiness will report it until it does");
        }
    }

    private void updateRestartNote() {
        restartNote.set(current.get().samePaths(startup) ? null : RESTART_NOTE);
    }

    private static String refreshProblem(String text) {
        String hint = "Refresh: a number of seconds from " + seconds(Settings.MIN_REFRESH) + " to "
                + seconds(Settings.MAX_REFRESH) + ", e.g. 1 or 0.5";
        try {
            double s = Double.parseDouble(normalised(text));
            return Settings.refreshInRange(s) ? null : hint;
        } catch (NumberFormatException e) {
            return hint;
        }
    }

    private static String intProblem(String text, int min, int max, String hint) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.trim());
            return n >= min && n <= max ? null : hint;
        } catch (NumberFormatException e) {
            return hint;
        }
    }

    /** Accepts a decimal comma too ("0,5"); refuses what Double would read but a person would not type ("1e0", "NaN"). */
    private static String normalised(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        if (!t.matches("\\d{1,3}(\\.\\d{1,3})?")) {
            throw new NumberFormatException(t);
        }
        return t;
    }

    /** Seconds without a needless ".0": 1, 0.5, 2.25. */
    static String seconds(double s) {
        return new BigDecimal(Double.toString(s)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
