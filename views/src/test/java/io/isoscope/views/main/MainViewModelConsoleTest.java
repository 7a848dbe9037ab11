package io.isoscope.views.main;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** How the window feeds the Console tab: the selected container, its state, and the form's TTY runs. */
class MainViewModelConsoleTest {

    private final FakeContainerEngine engine = new FakeContainerEngine();
    private final MainViewModel window = new MainViewModel(engine, Runnable::run, Runnable::run, Clock.systemUTC());

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void aTtyContainerRunFromTheFormIsSelectedAndBringsTheConsoleForward() {
        window.start();
        int before = window.console().showRequestsProperty().get();
        window.run().commandProperty().set("sh");
        window.run().ttyProperty().set(true);

        window.run().run();

        ContainerInfo sh = engine.list(true).get(0);
        assertThat(window.containers().selectedId()).contains(sh.id());
        assertThat(window.console().showRequestsProperty().get()).isEqualTo(before + 1);
        assertThat(window.console().canAttachProperty().get()).isTrue();

        window.console().shownProperty().set(true);
        assertThat(engine.consoles()).hasSize(1);
        assertThat(window.console().connectedProperty().get()).isTrue();

        window.close();
        assertThat(engine.consoles().get(0).isClosed()).as("closing the window detaches").isTrue();
    }

    @Test
    void aContainerRunWithoutTtyDoesNotAskForTheConsole() {
        window.start();
        window.run().commandProperty().set("ping 127.0.0.1");
        window.run().run();
        assertThat(window.console().showRequestsProperty().get()).isZero();
        assertThat(window.console().canOpenShellProperty().get()).isTrue();
    }

    @Test
    void theConsoleHearsWhenTheSelectedContainerStops() {
        engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withName("web").withTty(true));
        window.start();
        window.containers().select(engine.inspect("web").id());
        assertThat(window.console().canAttachProperty().get()).isTrue();

        engine.exit("web", 0);
        window.refresh();

        assertThat(window.console().canAttachProperty().get()).isFalse();
        assertThat(window.console().placeholderProperty().get()).contains("web is not running (exited with code 0)");
    }
}
