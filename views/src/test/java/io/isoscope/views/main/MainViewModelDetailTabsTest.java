package io.isoscope.views.main;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.details.PropertyRow;
import io.isoscope.views.events.EventRow;
import io.isoscope.views.logs.LogRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's Logs, Details and Events tabs follow the selection, the live refresh and the engine's events. */
class MainViewModelDetailTabsTest {

    private final FakeContainerEngine engine = new FakeContainerEngine();
    private MainViewModel window;

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private MainViewModel open() {
        window = new MainViewModel(engine, Runnable::run, Runnable::run, Clock.systemUTC());
        window.start();
        return window;
    }

    private ContainerInfo run(String name) {
        return engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName(name));
    }

    private static String value(MainViewModel w, String name) {
        return w.details().rows().stream().filter(r -> !r.header() && r.name().equals(name)).map(PropertyRow::value)
                .findFirst().orElseThrow();
    }

    @Test
    void theSelectedContainersLogIsFollowedByTheLogTickWhileItsTabShows() {
        ContainerInfo web = run("web");
        MainViewModel w = open();
        assertThat(w.containers().selectedId()).contains(web.id());
        w.logs().showingProperty().set(true);
        assertThat(w.logs().shownLines()).extracting(LogRow::text).hasSize(1);

        engine.appendLog("web", new LogLine(Instant.now(), LogStream.STDOUT, "64 bytes from 127.0.0.1"));
        w.pollLogs();

        assertThat(w.logs().shownLines()).extracting(LogRow::text).endsWith("64 bytes from 127.0.0.1");
    }

    @Test
    void detailsFollowTheSelectionAndEachRefresh() {
        ContainerInfo web = run("web");
        MainViewModel w = open();
        assertThat(value(w, "ID")).isEqualTo(web.id());
        assertThat(value(w, "State")).isEqualTo("running");

        engine.exit("web", 2);

        assertThat(value(w, "State")).isEqualTo("exited (2)");
        assertThat(w.details().jsonProperty().get()).contains("\"exitCode\": 2");
    }

    @Test
    void engineEventsReachTheTimelineAndARemovedContainersStay() {
        MainViewModel w = open();

        run("web");
        engine.stop("web", java.time.Duration.ZERO);
        engine.remove("web", false);

        assertThat(w.events().shownRows()).extracting(EventRow::type)
                .containsExactly("Removed", "Stopped", "Started", "Created");
        assertThat(w.containers().rows()).isEmpty();
        assertThat(w.details().rows()).isEmpty();
        assertThat(w.logs().placeholderProperty().get()).isEqualTo("Select a container to see its output");
    }
}
