package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.util.List;

/**
 * Manual-check launcher: the real window over a {@link FakeContainerEngine} with a few containers, for looking at
 * the GUI (e.g. under Xvfb) while the real engine is not there. Test code only; not part of the suite.
 */
public final class FakeGuiMain {

    private FakeGuiMain() {
    }

    /** Opens the window; pass {@code --hyperv} to make Hyper-V isolation available in the fake. */
    public static void main(String[] args) {
        Application.launch(FakeApplication.class, args);
    }

    /** The application with its engine swapped for a populated fake. */
    public static final class FakeApplication extends IsoscopeApplication {

        /** Shows the window; {@code --bad-image} then fills the form with an unknown image and clicks Run. */
        @Override
        public void start(Stage stage) {
            super.start(stage);
            if (getParameters().getRaw().contains("--bad-image")) {
                ((TextField) stage.getScene().lookup("#image")).setText("busybox:1.0");
                ((TextField) stage.getScene().lookup("#command")).setText("ping 127.0.0.1");
                ((TextField) stage.getScene().lookup("#name")).setText("pinger");
                ((Button) stage.getScene().lookup("#runButton")).fire();
            }
            if (getParameters().getRaw().contains("--filter")) {
                ((TextField) stage.getScene().lookup("#hostFilter")).setText("ping");
            }
        }

        @Override
        protected ContainerEngine openEngine() {
            boolean hyperv = getParameters().getRaw().contains("--hyperv");
            FakeContainerEngine engine = new FakeContainerEngine().withHyperv(hyperv);
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
