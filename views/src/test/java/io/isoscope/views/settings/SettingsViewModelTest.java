package io.isoscope.views.settings;

import io.isoscope.engine.api.Isolation;
import io.isoscope.views.common.Notices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings: defaults, saving and loading them through the JSON file, a corrupt file, and the dialog's form. */
class SettingsViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final Notices notices = new Notices();

    private Path file() {
        return dir.resolve("isoscope").resolve("settings.json");
    }

    private SettingsViewModel open() {
        return new SettingsViewModel(new SettingsFile(file(), CLOCK), notices);
    }

    @Test
    void withoutAFileTheDefaultsAreUsedQuietly() {
        SettingsViewModel settings = open();

        assertThat(settings.currentProperty().get()).isEqualTo(Settings.DEFAULTS);
        assertThat(settings.darkProperty().get()).isFalse();
        assertThat(notices.warningProperty().get()).isNull();
        assertThat(Files.exists(file())).as("nothing is written until the user saves").isFalse();
        assertThat(settings.location()).isEqualTo(file().toAbsolutePath().toString());
    }

    @Test
    void savedSettingsAreAppliedAtOnceAndReadByTheNextStart() throws IOException {
        SettingsViewModel settings = open();
        settings.edit();
        settings.isolationProperty().set("Hyper-V");
        settings.refreshProperty().set("0,5");
        settings.memoryProperty().set("256");
        settings.cpusProperty().set("2");
        settings.runcPathProperty().set("/usr/sbin/runc");
        settings.darkDraftProperty().set(true);

        assertThat(settings.save()).isTrue();

        Settings expected = new Settings(Isolation.HYPERV, 0.5, 256, 2, "/usr/sbin/runc", "", "", Theme.DARK);
        assertThat(settings.currentProperty().get()).isEqualTo(expected);
        assertThat(settings.editingProperty().get()).isFalse();
        assertThat(settings.darkProperty().get()).isTrue();
        assertThat(Files.readString(file())).contains("\"defaultIsolation\" : \"hyperv\"", "\"theme\" : \"dark\"");
        try (Stream<Path> left = Files.list(file().getParent())) {
            assertThat(left).as("the temporary file of the atomic write is gone").containsExactly(file());
        }

        SettingsViewModel next = new SettingsViewModel(new SettingsFile(file(), CLOCK), new Notices());
        assertThat(next.currentProperty().get()).isEqualTo(expected);
        assertThat(next.refreshProperty().get()).isEqualTo("0.5");
        assertThat(next.darkProperty().get()).isTrue();
    }

    @Test
    void aCorruptFileIsMovedAsideWithAWarningAndTheDefaultsAreUsed() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{ \"theme\": \"dark\", ");

        SettingsViewModel settings = open();

        assertThat(settings.currentProperty().get()).isEqualTo(Settings.DEFAULTS);
        Path aside = file().resolveSibling("settings.json.corrupt-20260304T050607Z");
        assertThat(notices.warningProperty().get())
                .contains("The settings file " + file() + " could not be used: it is not valid JSON")
                .contains("moved aside to " + aside)
                .contains("The default settings are used");
        assertThat(aside).hasContent("{ \"theme\": \"dark\", ");
        assertThat(file()).doesNotExist();

        settings.edit();
        assertThat(settings.save()).as("saving writes a fresh file").isTrue();
        assertThat(new SettingsFile(file(), CLOCK).load().problem()).isNull();
    }

    @Test
    void aFileThatIsNotAnObjectIsCorruptToo() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "[1, 2]");

        LoadedSettings loaded = new SettingsFile(file(), CLOCK).load();

        assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.problem()).contains("it does not hold a JSON object");
        assertThat(file().resolveSibling("settings.json.corrupt-20260304T050607Z")).exists();
    }

    @Test
    void unusableValuesFallBackOneByOneAndTheFileIsKept() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"defaultIsolation": "vm", "refreshSeconds": 50, "vm": {"memoryMiB": 512, "cpus": "two"},
                 "paths": {"qemu": "/opt/qemu"}, "theme": "dark", "future": true}""");

        SettingsViewModel settings = open();

        assertThat(settings.currentProperty().get())
                .isEqualTo(new Settings(Isolation.PROCESS, 1.0, 512, 1, "", "/opt/qemu", "", Theme.DARK));
        assertThat(notices.warningProperty().get())
                .contains("could not be used and were reset to their defaults")
                .contains("defaultIsolation \"vm\"", "refreshSeconds 50.0", "vm.cpus \"two\"")
                .doesNotContain("future");
        assertThat(file()).exists();
    }

    @Test
    void wrongFieldsAreNamedAndBlockSaving() {
        SettingsViewModel settings = open();
        settings.edit();

        settings.refreshProperty().set("20");
        settings.memoryProperty().set("lots");
        settings.cpusProperty().set("0");
        settings.guestDirProperty().set("guest");

        assertThat(settings.refreshErrorProperty().get()).isEqualTo("Refresh: a number of seconds from 0.5 to 10, e.g. 1 or 0.5");
        assertThat(settings.memoryErrorProperty().get()).startsWith("VM memory: a whole number of MiB from 64 to 65536");
        assertThat(settings.cpusErrorProperty().get()).startsWith("vCPUs: a whole number from 1 to 64");
        assertThat(settings.pathsErrorProperty().get()).startsWith("Guest directory: give an absolute path");
        assertThat(settings.validProperty().get()).isFalse();
        assertThat(settings.save()).isFalse();
        assertThat(settings.currentProperty().get()).isEqualTo(Settings.DEFAULTS);

        settings.restoreDefaults();
        assertThat(settings.validProperty().get()).isTrue();
        assertThat(settings.refreshProperty().get()).isEqualTo("1");
    }

    @Test
    void aPathThatNamesNothingYetIsAWarningNotAnError() {
        SettingsViewModel settings = open();
        settings.edit();

        settings.runcPathProperty().set(dir.resolve("no-runc").toString());

        assertThat(settings.pathsErrorProperty().get()).isNull();
        assertThat(settings.pathsWarningProperty().get()).startsWith("runc: " + dir.resolve("no-runc") + " is not an executable file");
        assertThat(settings.validProperty().get()).isTrue();
    }

    @Test
    void changedPathsWaitForARestartOtherSettingsDoNot() {
        SettingsViewModel settings = open();
        settings.edit();
        settings.refreshProperty().set("2");
        settings.save();
        assertThat(settings.restartNoteProperty().get()).isNull();

        settings.edit();
        settings.qemuPathProperty().set("/usr/bin/qemu-system-x86_64");
        settings.save();
        assertThat(settings.restartNoteProperty().get()).isEqualTo(SettingsViewModel.RESTART_NOTE);

        settings.edit();
        settings.qemuPathProperty().set("");
        settings.save();
        assertThat(settings.restartNoteProperty().get()).as("back to the paths the engine opened with").isNull();
    }

    @Test
    void theThemeIsPreviewedWhileEditingAndCancelGoesBack() {
        SettingsViewModel settings = open();
        settings.edit();

        settings.darkDraftProperty().set(true);
        assertThat(settings.darkProperty().get()).as("shown at once").isTrue();

        settings.cancel();
        assertThat(settings.darkProperty().get()).isFalse();
        assertThat(settings.darkDraftProperty().get()).isFalse();
        assertThat(settings.currentProperty().get()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void aStoreThatCannotBeWrittenKeepsTheSettingsForTheSessionAndSaysSo() throws IOException {
        // A non-empty directory where the file should be cannot be replaced by a rename, even by root.
        Path blocked = dir.resolve("settings.json");
        Files.createDirectories(blocked.resolve("child"));
        SettingsViewModel settings = new SettingsViewModel(new SettingsFile(blocked, CLOCK), notices);
        settings.edit();
        settings.refreshProperty().set("3");

        assertThat(settings.save()).isFalse();

        assertThat(settings.currentProperty().get().refreshSeconds()).as("applied for this session").isEqualTo(3.0);
        assertThat(settings.saveErrorProperty().get()).startsWith("Could not save the settings to " + blocked)
                .endsWith("they apply until Isoscope closes.");
        assertThat(notices.messageProperty().get()).isEqualTo(settings.saveErrorProperty().get());
    }

    @Test
    void hiddenHostColumnsAreSavedAtOnceKeptByTheDialogAndReadByTheNextStart() throws IOException {
        SettingsViewModel settings = open();
        assertThat(settings.currentProperty().get().hiddenHostColumns()).containsExactlyInAnyOrder("VIRTUAL",
                "THREADS", "SESSION");

        settings.hideHostColumns(java.util.Set.of("USER", "THREADS"));

        assertThat(Files.readString(file())).contains("\"hiddenColumns\" : [ \"THREADS\", \"USER\" ]");
        settings.edit();
        settings.refreshProperty().set("2");
        assertThat(settings.save()).isTrue();
        SettingsViewModel next = new SettingsViewModel(new SettingsFile(file(), CLOCK), new Notices());
        assertThat(next.currentProperty().get().hiddenHostColumns()).containsExactlyInAnyOrder("USER", "THREADS");
        assertThat(next.currentProperty().get().refreshSeconds()).isEqualTo(2.0);
    }

    @Test
    void hiddenColumnsThatAreNotAListOfNamesFallBackToTheDefault() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"theme": "dark", "hostTable": {"hiddenColumns": ["USER", 3]}}""");

        SettingsViewModel settings = open();

        assertThat(settings.currentProperty().get().hiddenHostColumns()).isEqualTo(Settings.DEFAULT_HIDDEN_HOST_COLUMNS);
        assertThat(settings.currentProperty().get().theme()).isEqualTo(Theme.DARK);
        assertThat(notices.warningProperty().get()).contains("hostTable.hiddenColumns [\"USER\",3]");
    }

    @Test
    void hiddenColumnsThatCannotBeStoredApplyForTheSessionAndSaySo() throws IOException {
        Path blocked = dir.resolve("settings.json");
        Files.createDirectories(blocked.resolve("child"));
        SettingsViewModel settings = new SettingsViewModel(new SettingsFile(blocked, CLOCK), notices);

        settings.hideHostColumns(java.util.Set.of());

        assertThat(settings.currentProperty().get().hiddenHostColumns()).isEmpty();
        assertThat(notices.messageProperty().get()).startsWith("Could not save the host table's columns to " + blocked);
    }

    @Test
    void theDefaultFileIsUnderTheConfigDirectoryUnlessTheEnvironmentNamesOne() {
        Path home = Path.of("/home/ada");
        assertThat(SettingsFile.defaultPath(java.util.Map.of(), home))
                .isEqualTo(Path.of("/home/ada/.config/isoscope/settings.json"));
        assertThat(SettingsFile.defaultPath(java.util.Map.of("XDG_CONFIG_HOME", "/xdg"), home))
                .isEqualTo(Path.of("/xdg/isoscope/settings.json"));
        assertThat(SettingsFile.defaultPath(java.util.Map.of("ISOSCOPE_SETTINGS", "/tmp/s.json", "XDG_CONFIG_HOME", "/xdg"), home))
                .isEqualTo(Path.of("/tmp/s.json"));
    }
}
