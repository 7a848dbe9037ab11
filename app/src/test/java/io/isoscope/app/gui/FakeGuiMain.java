package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineWarning;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.settings.SettingsFile;
import io.isoscope.views.settings.SettingsStore;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Manual-check launcher: the real window over a {@link FakeContainerEngine} with a few containers, for looking at
 * the GUI (e.g. under Xvfb) while the real engine is not there. Test code only; not part of the suite.
 */
public final class FakeGuiMain {

    private FakeGuiMain() {
    }

    /**
     * Opens the window. {@code --hyperv} makes Hyper-V available in the fake (and runs a Hyper-V container),
     * {@code --empty} starts with no containers, {@code --fill} fills the form, {@code --bad-image} runs an unknown image, {@code --filter=NAME} filters the host table,
     * {@code --select=NAME} selects a container, {@code --warning} shows the warning of a recovered database,
     * {@code --settings=FILE} keeps the settings in FILE (else for the session only).
     */
    public static void main(String[] args) {
        Application.launch(FakeApplication.class, args);
    }

    /** The application with its engine swapped for a populated fake. */
    public static final class FakeApplication extends IsoscopeApplication {

        /** Shows the window; {@code --bad-image} then fills the form with an unknown image and clicks Run. */
        @Override
        public void start(Stage stage) {
            super.start(stage);
            List<String> raw = getParameters().getRaw();
            if (raw.contains("--bad-image") || raw.contains("--fill")) {
                ((ComboBox<?>) stage.getScene().lookup("#image")).getEditor()
                        .setText(raw.contains("--fill") ? "busybox" : "busybox:1.0");
                ((TextField) stage.getScene().lookup("#command")).setText("ping 127.0.0.1");
                ((TextField) stage.getScene().lookup("#name")).setText("pinger");
            }
            if (raw.contains("--bad-image")) {
                ((Button) stage.getScene().lookup("#runButton")).fire();
            }
            String select = getParameters().getNamed().get("select");
            if (select != null) {
                // The first listing arrives a moment after the window shows.
                Platform.runLater(() -> selectContainer(stage, select, 10_000));
            }
            String filter = getParameters().getNamed().get("filter");
            if (filter != null) {
                ((TextField) stage.getScene().lookup("#hostFilter")).setText(filter);
            }
        }

        /** Selects container {@code name} once the first listing shows it (a few pulses after start). */
        @SuppressWarnings("unchecked")
        private static void selectContainer(Stage stage, String name, int triesLeft) {
            TableView<ContainerRow> table = (TableView<ContainerRow>) stage.getScene().lookup("#containerTable");
            table.getItems().stream().filter(r -> r.nameProperty().get().equals(name)).findFirst()
                    .ifPresentOrElse(r -> table.getSelectionModel().select(r), () -> {
                        if (triesLeft > 0) {
                            Platform.runLater(() -> selectContainer(stage, name, triesLeft - 1));
                        }
                    });
        }

        /** Settings for this session only, unless {@code --settings=FILE} names a file to use. */
        @Override
        protected SettingsStore openSettings() {
            String file = getParameters().getNamed().get("settings");
            return file == null ? SettingsStore.inMemory() : new SettingsFile(Path.of(file), Clock.systemUTC());
        }

        @Override
        protected AutoCloseable lockInstance() {
            return () -> { }; // a fake engine has no state directory to guard
        }

        @Override
        protected ContainerEngine openEngine() {
            boolean hyperv = getParameters().getRaw().contains("--hyperv");
            FakeContainerEngine engine = new FakeContainerEngine().withHyperv(hyperv);
            if (getParameters().getRaw().contains("--warning")) {
                engine.withWarning(new EngineWarning(Instant.now(), "The engine database /var/lib/isoscope/isoscope.db "
                        + "was damaged (file is not a database). It was moved aside to "
                        + "/var/lib/isoscope/isoscope.db.corrupt-20250102T030405Z. The container list was rebuilt "
                        + "from the containers' record files: 3 containers restored.",
                        "The history of events before the damage is only in "
                                + "/var/lib/isoscope/isoscope.db.corrupt-20250102T030405Z."));
            }
            if (getParameters().getRaw().contains("--empty")) {
                return engine;
            }
            long pid = 300;
            for (String name : List.of("systemd-journal", "cron", "dbus-daemon", "rsyslogd", "containerd",
                    "agetty", "systemd-logind", "java", "bash", "sshd", "polkitd", "unattended-upgr")) {
                engine.addHostProcess(pid, name);
                pid += 37;
            }
            engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "3600").withName("sleeper"));
            engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("web"));
            engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "top").withName("old-job"));
            engine.exit("old-job", 137);
            if (hyperv) {
                engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "localhost").withName("vm-ping"));
            }
            return engine;
        }
    }
}
