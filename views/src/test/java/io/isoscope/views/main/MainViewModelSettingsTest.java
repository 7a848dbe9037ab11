package io.isoscope.views.main;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.containers.ContainersViewModel;
import io.isoscope.views.processes.HostColumn;
import io.isoscope.views.settings.Settings;
import io.isoscope.views.settings.SettingsStore;
import io.isoscope.views.settings.Theme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's ViewModel wiring of the Finish features: settings into the Run form, readiness, "starting…". */
class MainViewModelSettingsTest {

    private final FakeContainerEngine engine = new FakeContainerEngine().withHyperv(true);
    private MainViewModel window;

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void theSettingsDefaultsPrefillTheRunForm() throws Exception {
        SettingsStore store = SettingsStore.inMemory();
        store.save(new Settings(Isolation.HYPERV, 2, 192, 1, "", "", "", Theme.LIGHT));
        window = new MainViewModel(engine, Runnable::run, Runnable::run, Clock.systemUTC(), null, store);

        window.start();

        assertThat(window.run().hypervProperty().get()).isTrue();
        assertThat(window.run().memoryProperty().get()).isEqualTo("192m");

        window.settings().edit();
        window.settings().memoryProperty().set("128");
        assertThat(window.settings().save()).isTrue();
        assertThat(window.run().memoryProperty().get()).as("the engine's own VM size needs no flag").isEmpty();
        assertThat(window.run().dockerCommandLineProperty().get()).doesNotContain("--memory");

        window.settings().edit();
        window.settings().isolationProperty().set("Process");
        assertThat(window.settings().save()).isTrue();
        assertThat(window.run().hypervProperty().get()).as("a saved default applies at once").isFalse();
        assertThat(window.run().memoryProperty().get()).isEmpty();
    }

    @Test
    void theHostColumnsHiddenInTheSettingsAreHiddenAndAChangeIsSavedKeepingUnknownNames() throws Exception {
        SettingsStore store = SettingsStore.inMemory();
        store.save(Settings.DEFAULTS.withHiddenHostColumns(Set.of("USER", "FUTURE_COLUMN")));
        window = new MainViewModel(engine, Runnable::run, Runnable::run, Clock.systemUTC(), null, store);

        assertThat(window.processes().hiddenHostColumns()).containsExactly(HostColumn.USER);

        window.processes().hiddenHostColumns().add(HostColumn.START);
        window.processes().hiddenHostColumns().remove(HostColumn.USER);

        assertThat(store.load().settings().hiddenHostColumns()).containsExactlyInAnyOrder("START", "FUTURE_COLUMN");
        assertThat(window.settings().currentProperty().get().hiddenHostColumns())
                .containsExactlyInAnyOrder("START", "FUTURE_COLUMN");
    }

    @Test
    void hidingAHostColumnLeavesTheRunFormAsTheUserSetIt() {
        window = new MainViewModel(engine, Runnable::run, Runnable::run, Clock.systemUTC(), null,
                SettingsStore.inMemory());
        window.start();
        assertThat(window.run().hypervProperty().get()).as("the default isolation").isFalse();
        window.run().hypervProperty().set(true);

        window.processes().hiddenHostColumns().add(HostColumn.USER);

        assertThat(window.run().hypervProperty().get()).isTrue();
    }

    @Test
    void checkingReadinessAgainUpdatesTheRunFormAndTheHeader() {
        FakeContainerEngine late = new FakeContainerEngine().withHyperv(false);
        window = new MainViewModel(late, Runnable::run, Runnable::run, Clock.systemUTC());
        window.start();
        assertThat(window.run().hypervAvailableProperty().get()).isFalse();
        assertThat(window.readinessSummaryProperty().get()).contains("Hyper-V: unavailable");

        late.withHyperv(true);
        window.readiness().check();

        assertThat(window.readiness().rows()).hasSize(2);
        assertThat(window.run().hypervAvailableProperty().get()).isTrue();
        assertThat(window.readinessSummaryProperty().get()).contains("Hyper-V: qemu (fake)");
    }

    @Test
    void theContainerBeingStartedShowsAsStartingAndIsSelected() {
        Deque<Runnable> background = new ArrayDeque<>();
        window = new MainViewModel(engine, background::add, Runnable::run, Clock.systemUTC());
        window.start();
        drain(background);
        window.run().commandProperty().set("ping 127.0.0.1");
        window.run().nameProperty().set("slow");

        window.run().run();
        background.poll().run(); // create
        while (window.containers().rows().isEmpty()) {
            background.poll().run(); // the listing that shows it, queued before the start
        }

        assertThat(engine.inspect("slow").state()).as("not started yet").isEqualTo(ContainerState.CREATED);
        ContainerRow row = window.containers().rows().get(0);
        assertThat(row.nameProperty().get()).isEqualTo("slow");
        assertThat(row.stateProperty().get()).isEqualTo(ContainersViewModel.STARTING);
        assertThat(window.containers().selectedId()).contains(row.id());
        assertThat(window.containers().canRemoveProperty().get()).as("no actions while it starts").isFalse();

        drain(background);
        assertThat(row.stateProperty().get()).isEqualTo("running");
        assertThat(window.containers().canStopProperty().get()).isTrue();
        ContainerInfo info = engine.inspect("slow");
        assertThat(window.containers().selectedId()).contains(info.id());
    }

    private static void drain(Deque<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }
}
