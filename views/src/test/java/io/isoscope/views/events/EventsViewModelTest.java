package io.isoscope.views.events;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventsViewModelTest {

    /** The fake's record, plus events "another process" recorded, which no listener here heard. */
    private final List<EngineEvent> elsewhere = new ArrayList<>();
    private final FakeContainerEngine engine = new FakeContainerEngine() {
        @Override
        public List<EngineEvent> events(String container) {
            List<EngineEvent> all = new ArrayList<>(super.events(container));
            all.addAll(elsewhere);
            return all;
        }
    };
    private final EventsViewModel events =
            new EventsViewModel(engine, new TaskRunner(Runnable::run, Runnable::run), ZoneOffset.UTC);

    private ContainerInfo run(String name) {
        return engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName(name));
    }

    private List<String> shown() {
        return events.shownRows().stream().map(r -> r.type() + " " + r.name()).toList();
    }

    @Test
    void theRecordIsShownNewestFirstWithExitCodesSpelledOut() {
        ContainerInfo web = run("web");
        engine.exit("web", 137);
        engine.remove("web", false);

        events.load();

        assertThat(shown()).containsExactly("Removed web", "Died web", "Started web", "Created web");
        EventRow died = events.shownRows().get(1);
        assertThat(died.detail()).isEqualTo("exit code 137");
        assertThat(died.containerId()).isEqualTo(web.id());
        assertThat(died.shortId()).isEqualTo(web.shortId());
        assertThat(died.timeText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(events.summaryProperty().get()).isEqualTo("4 events");
    }

    @Test
    void liveEventsAppearAtTheTopAndTheRecordDoesNotRepeatThem() {
        events.load();
        assertThat(events.placeholderProperty().get()).isEqualTo(EventsViewModel.NO_EVENTS);
        engine.subscribe(e -> events.add(e));

        run("web");
        assertThat(shown()).containsExactly("Started web", "Created web");

        events.load();
        engine.stop("web", Duration.ZERO);
        events.load();
        assertThat(shown()).containsExactly("Stopped web", "Started web", "Created web");
    }

    @Test
    void eventsOtherProcessesRecordedComeWithTheNextReadInTimeOrder() {
        engine.subscribe(e -> events.add(e));
        events.load();
        ContainerInfo web = run("web");
        Instant between = engine.events(null).get(0).time();
        elsewhere.add(new EngineEvent(between, EngineEvent.Type.RECOVERED, "f".repeat(64), "cli-made",
                "the create of cli-made was interrupted; it was removed"));
        elsewhere.add(new EngineEvent(Instant.now().plusSeconds(1), EngineEvent.Type.CREATED, "e".repeat(64), "cli-late", "busybox:latest"));

        events.showingProperty().set(true);
        for (int i = 0; i < EventsViewModel.RELOAD_TICKS; i++) {
            events.tick();
        }

        assertThat(shown()).first().isEqualTo("Created cli-late");
        assertThat(shown()).contains("Recovered cli-made").hasSize(4);
        assertThat(events.shownRows().get(0).time()).isAfterOrEqualTo(events.shownRows().get(1).time());
        assertThat(web).isNotNull();
    }

    @Test
    void theRecordIsReadOnlyEveryFewTicksAndOnlyWhileTheTabShows() {
        ManualExecutor background = new ManualExecutor();
        EventsViewModel slow = new EventsViewModel(engine, new TaskRunner(background, Runnable::run), ZoneOffset.UTC);

        for (int i = 0; i < 2 * EventsViewModel.RELOAD_TICKS; i++) {
            slow.tick();
        }
        assertThat(background.submitted()).isZero();

        slow.showingProperty().set(true);
        assertThat(background.submitted()).as("read when the tab is shown").isEqualTo(1);
        background.runAll();
        for (int i = 0; i < EventsViewModel.RELOAD_TICKS; i++) {
            slow.tick();
        }
        assertThat(background.submitted()).isEqualTo(2);
    }

    @Test
    void filtersByTypeByTextAndToTheSelectedContainerAndRemovedContainersStay() {
        engine.subscribe(e -> events.add(e));
        events.load();
        ContainerInfo web = run("web");
        ContainerInfo db = run("db");
        engine.exit("db", 1);
        engine.remove("web", true);

        filter("Started").shownProperty().set(false);
        filter("Created").shownProperty().set(false);
        assertThat(shown()).containsExactly("Removed web", "Died db");
        assertThat(events.summaryProperty().get()).isEqualTo("2 of 6 events");

        events.searchProperty().set("EXIT CODE 1");
        assertThat(shown()).containsExactly("Died db");
        events.searchProperty().set(web.shortId());
        assertThat(shown()).containsExactly("Removed web");
        events.searchProperty().set("");
        filter("Started").shownProperty().set(true);
        filter("Created").shownProperty().set(true);

        events.onlySelectedProperty().set(true);
        assertThat(shown()).isEmpty();
        assertThat(events.placeholderProperty().get()).isEqualTo(EventsViewModel.SELECT_ONE);
        events.select(db);
        assertThat(shown()).containsExactly("Died db", "Started db", "Created db");

        events.onlySelectedProperty().set(false);
        events.select(null);
        assertThat(shown()).as("the removed web's events stay").contains("Removed web", "Created web").hasSize(6);

        events.searchProperty().set("nothing like it");
        assertThat(events.placeholderProperty().get()).isEqualTo(EventsViewModel.NONE_MATCH);
    }

    @Test
    void theEnginesKeyValueDetailsAreSpelledOut() {
        elsewhere.add(new EngineEvent(Instant.parse("2026-01-02T03:04:05Z"), EngineEvent.Type.STARTED, "a".repeat(64),
                "web", "pid=6466"));
        elsewhere.add(new EngineEvent(Instant.parse("2026-01-02T03:04:06Z"), EngineEvent.Type.DIED, "a".repeat(64),
                "web", "exitCode=-1"));

        events.load();

        assertThat(events.shownRows()).extracting(EventRow::detail).containsExactly("exit code -1", "host PID 6466");
    }

    @Test
    void everyEngineEventTypeHasAFilter() {
        assertThat(events.typeFilters()).extracting(EventTypeFilter::type)
                .containsExactly("Created", "Started", "Died", "Stopped", "Killed", "Removed", "Recovered");
    }

    private EventTypeFilter filter(String type) {
        return events.typeFilters().stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow();
    }
}
