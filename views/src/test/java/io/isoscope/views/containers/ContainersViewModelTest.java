package io.isoscope.views.containers;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ContainersViewModelTest {

    private final FakeContainerEngine engine = new FakeContainerEngine();
    private final Notices notices = new Notices();
    private int changes;

    private ContainersViewModel list(TaskRunner tasks, Clock clock) {
        return new ContainersViewModel(engine, tasks, notices, clock, () -> changes++);
    }

    private ContainersViewModel list() {
        return list(new TaskRunner(Runnable::run, Runnable::run), Clock.systemUTC());
    }

    private ContainerInfo run(String name, String... command) {
        return engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, command).withName(name));
    }

    @Test
    void saysHowToStartWhileThereAreNoContainers() {
        ContainersViewModel list = list();
        list.apply(engine.list(true));

        assertThat(list.rows()).isEmpty();
        assertThat(list.placeholderProperty().get()).isEqualTo("No containers yet — run one with the form");
        assertThat(list.canStopProperty().get()).isFalse();
        assertThat(list.canRemoveProperty().get()).isFalse();
    }

    @Test
    void rowsShowTheColumnsAndUpdateInPlace() {
        Instant start = Instant.now();
        Clock clock = Clock.fixed(start.plusSeconds(125), ZoneOffset.UTC);
        ContainersViewModel list = list(new TaskRunner(Runnable::run, Runnable::run), clock);
        ContainerInfo web = run("web", "ping", "127.0.0.1");
        ContainerInfo startedAt = new ContainerInfo(web.id(), web.name(), web.image(), web.imageDigest(), web.command(),
                web.isolation(), web.state(), null, web.hostPid(), web.createdAt(), start, null, null, false, web.runtime());
        list.apply(java.util.List.of(startedAt));
        ContainerRow row = list.rows().get(0);

        assertThat(row.nameProperty().get()).isEqualTo("web");
        assertThat(row.shortIdProperty().get()).isEqualTo(web.shortId());
        assertThat(row.imageProperty().get()).isEqualTo("busybox:latest");
        assertThat(row.isolationProperty().get()).isEqualTo("Process");
        assertThat(row.stateProperty().get()).isEqualTo("running");
        assertThat(row.uptimeProperty().get()).isEqualTo("2m 05s");

        engine.exit("web", 3);
        list.apply(engine.list(true));

        assertThat(list.rows()).singleElement().isSameAs(row);
        assertThat(row.stateProperty().get()).isEqualTo("exited (3)");
        assertThat(row.uptimeProperty().get()).isEqualTo("—");
    }

    @Test
    void theFirstListingSelectsTheNewestRunningContainer() {
        run("old", "sleep", "1");
        engine.exit("old", 0);
        run("web", "ping", "127.0.0.1");
        ContainersViewModel list = list();

        list.apply(engine.list(true));

        assertThat(list.selectedProperty().get().nameProperty().get()).isEqualTo("web");
    }

    @Test
    void stopKillAndRemoveActOnTheSelectedContainer() {
        ContainerInfo a = run("a", "sleep", "100");
        ContainerInfo b = run("b", "sleep", "100");
        ContainersViewModel list = list();
        list.apply(engine.list(true));

        list.select(a.id());
        assertThat(list.canStopProperty().get()).isTrue();
        list.stop();
        assertThat(engine.calls()).endsWith("stop a;");
        list.apply(engine.list(true));
        assertThat(list.canStopProperty().get()).as("a has exited").isFalse();
        assertThat(list.canRemoveProperty().get()).isTrue();

        list.select(b.id());
        list.kill();
        assertThat(engine.calls()).endsWith("kill b;");
        assertThat(engine.inspect("b").exitCode()).isEqualTo(137);

        list.remove();
        assertThat(engine.calls()).endsWith("rm b;");
        list.apply(engine.list(true));
        assertThat(list.rows()).extracting(ContainerRow::id).containsExactly(a.id());
        assertThat(list.selectedProperty().get()).as("the removed container is no longer selected").isNull();
        assertThat(changes).isEqualTo(3);
    }

    @Test
    void anActionInProgressDisablesTheActionsAndShowsWhatHappens() {
        ManualExecutor background = new ManualExecutor();
        ContainersViewModel list = list(new TaskRunner(background, Runnable::run), Clock.systemUTC());
        ContainerInfo web = run("web", "ping", "127.0.0.1");
        list.apply(engine.list(true));
        list.select(web.id());

        list.stop();
        ContainerRow row = list.selectedProperty().get();
        assertThat(row.stateProperty().get()).isEqualTo("stopping");
        assertThat(list.canStopProperty().get()).isFalse();
        assertThat(list.canRemoveProperty().get()).isFalse();
        list.kill();
        assertThat(background.pending()).as("no second action while one runs").isEqualTo(1);

        background.runAll();
        list.apply(engine.list(true));
        assertThat(row.stateProperty().get()).isEqualTo("exited (143)");
        assertThat(list.canRemoveProperty().get()).isTrue();
    }

    @Test
    void aFailedActionIsShownAsANotice() {
        FakeContainerEngine failing = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo kill(String container) {
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "runc kill: no such process");
            }
        };
        ContainerInfo web = failing.run(ContainerSpec.of("busybox", Isolation.PROCESS, "top").withName("web"));
        ContainersViewModel list = new ContainersViewModel(failing, new TaskRunner(Runnable::run, Runnable::run),
                notices, Clock.systemUTC(), () -> changes++);
        list.apply(failing.list(true));
        list.select(web.id());

        list.kill();

        assertThat(notices.messageProperty().get()).isEqualTo("Could not kill web: runc kill: no such process");
        assertThat(list.selectedProperty().get().stateProperty().get()).isEqualTo("running");
        assertThat(list.canStopProperty().get()).isTrue();
    }

    @Test
    void aSelectionAskedForBeforeTheContainerIsListedHappensWhenItIs() {
        ContainersViewModel list = list();
        list.apply(engine.list(true));
        ContainerInfo web = run("web", "top");

        list.select(web.id());
        assertThat(list.selectedProperty().get()).isNull();
        list.apply(engine.list(true));

        assertThat(list.selectedId()).contains(web.id());
    }

    @Test
    void uptimeIsCompact() {
        assertThat(ContainerRow.uptime(Duration.ofSeconds(9))).isEqualTo("9s");
        assertThat(ContainerRow.uptime(Duration.ofSeconds(65))).isEqualTo("1m 05s");
        assertThat(ContainerRow.uptime(Duration.ofMinutes(125))).isEqualTo("2h 05m");
        assertThat(ContainerRow.uptime(Duration.ofHours(50))).isEqualTo("2d 2h");
    }
}
