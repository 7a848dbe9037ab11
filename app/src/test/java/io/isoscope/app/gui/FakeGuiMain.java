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
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;

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
     * {@code --console} runs {@code sh} on a terminal as "shell" and shows it in the Console tab with some output
     * (use with {@code --select=shell}).
     * {@code --settings=FILE} keeps the settings in FILE (else for the session only).
     */
    public static void main(String[] args) {
        Application.launch(FakeApplication.class, args);
    }

    /** The application with its engine swapped for a populated fake. */
    public static final class FakeApplication extends IsoscopeApplication {

        private FakeContainerEngine fake;

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
            if (raw.contains("--console")) {
                Platform.runLater(() -> showConsole(stage, 100));
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

        /** Shows the Console tab and, once it has attached, writes what a shell session would have shown. */
        private void showConsole(Stage stage, int triesLeft) {
            TabPane tabs = (TabPane) stage.getScene().lookup("#detailTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> "Console".equals(t.getText())).findFirst().orElseThrow());
            if (fake.consoles().isEmpty()) {
                if (triesLeft > 0) {
                    PauseTransition again = new PauseTransition(Duration.millis(100));
                    again.setOnFinished(e -> showConsole(stage, triesLeft - 1));
                    again.play();
                }
                return;
            }
            try {
                fake.consoles().get(0).print(CONSOLE_DEMO);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static final String CONSOLE_DEMO = "/ # echo hi\r\nhi\r\n"
                + "/ # ls /\r\n\u001b[1;34mbin\u001b[0m    \u001b[1;34mdev\u001b[0m    \u001b[1;34metc\u001b[0m    "
                + "\u001b[1;34mhome\u001b[0m   \u001b[1;34mproc\u001b[0m   \u001b[1;34mroot\u001b[0m   "
                + "\u001b[1;34msys\u001b[0m    \u001b[1;32mrun.sh\u001b[0m \u001b[1;36mtmp\u001b[0m\r\n"
                + "/ # ps\r\nPID   USER     TIME  COMMAND\r\n    1 root      0:00 sh\r\n    7 root      0:00 ps\r\n"
                + "/ # printf 'styles and colours'\r\n\u001b[1mbold\u001b[0m \u001b[4munderline\u001b[0m "
                + "\u001b[7mreverse\u001b[0m \u001b[31mred\u001b[0m \u001b[92mbright green\u001b[0m "
                + "\u001b[38;5;208m256-colour orange\u001b[0m \u001b[38;2;236;72;153mtruecolour pink\u001b[0m "
                + "\u001b[44;97m white on blue \u001b[0m \u001b(0lqqqqk\u001b(B \u65e5\u672c\u8a9e\r\n"
                + "/ # ping -c 2 127.0.0.1\r\nPING 127.0.0.1 (127.0.0.1): 56 data bytes\r\n"
                + "64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.041 ms\r\n"
                + "64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.067 ms\r\n^C\r\n/ # ";

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
            fake = engine;
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
            if (getParameters().getRaw().contains("--console")) {
                engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withName("shell").withTty(true));
            }
            engine.exit("old-job", 137);
            if (hyperv) {
                engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "localhost").withName("vm-ping"));
            }
            return engine;
        }
    }
}
