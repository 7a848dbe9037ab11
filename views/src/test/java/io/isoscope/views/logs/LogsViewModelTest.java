package io.isoscope.views.logs;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LogsViewModelTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.120Z");

    private final AtomicInteger reads = new AtomicInteger();
    private final FakeContainerEngine engine = new FakeContainerEngine() {
        @Override
        public synchronized LogChunk readLog(String container, long offset) {
            reads.incrementAndGet();
            return super.readLog(container, offset);
        }
    };

    private LogsViewModel direct(int maxLines) {
        return new LogsViewModel(engine, new TaskRunner(Runnable::run, Runnable::run), ZoneOffset.UTC, maxLines);
    }

    private ContainerInfo run(String name) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName(name));
        engine.readLog(name, 0); // the fake's log starts with ping's first line
        reads.set(0);
        return c;
    }

    private static List<String> texts(LogsViewModel logs) {
        return logs.shownLines().stream().map(LogRow::text).toList();
    }

    @Test
    void withNothingSelectedItAsksForASelectionAndReadsNothing() {
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);

        logs.poll();

        assertThat(logs.placeholderProperty().get()).isEqualTo(LogsViewModel.SELECT_ONE);
        assertThat(logs.hasContainerProperty().get()).isFalse();
        assertThat(reads).hasValue(0);
    }

    @Test
    void theLogIsReadOnlyWhileTheTabShows() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);

        logs.select(web);
        logs.poll();
        assertThat(reads).hasValue(0);
        assertThat(logs.placeholderProperty().get()).isEqualTo("Reading the log of web…");

        logs.showingProperty().set(true);
        assertThat(texts(logs)).containsExactly("PING 127.0.0.1 (127.0.0.1): 56 data bytes");
        assertThat(logs.titleProperty().get()).isEqualTo("Output of web");
        assertThat(logs.commandProperty().get()).isEqualTo("isoscope logs -f web");

        logs.showingProperty().set(false);
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "hidden for now"));
        logs.poll();
        assertThat(texts(logs)).hasSize(1);
        logs.showingProperty().set(true);
        assertThat(texts(logs)).endsWith("hidden for now");
    }

    @Test
    void eachPollAddsOnlyTheNewLinesWithTheirTimesAndStreams() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);
        logs.select(web);

        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "64 bytes from 127.0.0.1"));
        engine.appendLog("web", new LogLine(T.plusMillis(5), LogStream.STDERR, "ping: oops"));
        engine.appendLog("web", new LogLine(null, LogStream.STDOUT, "a raw line"));
        logs.poll();
        logs.poll();

        List<LogRow> rows = logs.shownLines();
        assertThat(texts(logs)).containsExactly("PING 127.0.0.1 (127.0.0.1): 56 data bytes",
                "64 bytes from 127.0.0.1", "ping: oops", "a raw line");
        assertThat(rows.get(1).time()).isEqualTo("2026-01-02 03:04:05.120");
        assertThat(rows.get(2).stderr()).isTrue();
        assertThat(rows.get(1).stderr()).isFalse();
        assertThat(rows.get(3).time()).as("a line without a recorded time").isEmpty();
        assertThat(rows).extracting(LogRow::seq).doesNotHaveDuplicates();
        assertThat(logs.placeholderProperty().get()).isEqualTo(LogsViewModel.NO_OUTPUT);
    }

    @Test
    void selectingAnotherContainerDropsTheOldLinesAndAReadStillUnderWayForIt() {
        ContainerInfo web = run("web");
        ContainerInfo db = run("db");
        engine.appendLog("db", new LogLine(T, LogStream.STDOUT, "db ready"));
        ManualExecutor background = new ManualExecutor();
        LogsViewModel logs = new LogsViewModel(engine, new TaskRunner(background, Runnable::run), ZoneOffset.UTC);
        logs.showingProperty().set(true);
        logs.select(web);
        assertThat(background.pending()).isEqualTo(1);

        logs.select(db);
        logs.poll(); // a read is under way: nothing more is asked for
        assertThat(background.pending()).isEqualTo(1);
        background.runAll();

        assertThat(texts(logs)).as("web's read was dropped and db's log read instead")
                .containsExactly("PING 127.0.0.1 (127.0.0.1): 56 data bytes", "db ready");
        assertThat(logs.titleProperty().get()).isEqualTo("Output of db");

        logs.select(null);
        assertThat(texts(logs)).isEmpty();
        assertThat(logs.placeholderProperty().get()).isEqualTo(LogsViewModel.SELECT_ONE);
    }

    @Test
    void onlyTheNewestLinesAreKeptAndTheNoticeSaysHowManyWentAway() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(5);
        logs.showingProperty().set(true);
        logs.select(web);
        for (int i = 0; i < 7; i++) {
            engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "line " + i));
        }

        logs.poll();

        assertThat(texts(logs)).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6");
        assertThat(logs.noticeProperty().get()).isEqualTo(
                "Showing the newest 5 lines: 3 older ones are not kept here (isoscope logs web prints them all)");

        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "line 7"));
        logs.poll();
        assertThat(texts(logs)).containsExactly("line 3", "line 4", "line 5", "line 6", "line 7");
        assertThat(logs.noticeProperty().get()).contains("4 older ones");
    }

    @Test
    void aBigFirstReadKeepsOnlyTheNewestLinesBeforeTheyReachTheList() {
        ContainerInfo web = run("web");
        for (int i = 0; i < 20_000; i++) {
            engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "line " + i));
        }
        LogsViewModel logs = direct(1_000);
        logs.showingProperty().set(true);

        logs.select(web);

        assertThat(logs.shownLines()).hasSize(1_000);
        assertThat(logs.shownLines().get(999).text()).isEqualTo("line 19999");
        assertThat(logs.noticeProperty().get()).contains("19,001 older ones");
    }

    @Test
    void searchCountsMatchesStepsThroughThemAndStopsFollowing() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);
        logs.select(web);
        for (String text : List.of("alpha", "Beta one", "gamma", "beta two", "BETA three")) {
            engine.appendLog("web", new LogLine(T, LogStream.STDOUT, text));
        }
        logs.poll();

        logs.searchProperty().set("beta");
        assertThat(logs.matchSummaryProperty().get()).isEqualTo("3 matches");
        assertThat(logs.followProperty().get()).isTrue();

        logs.nextMatch();
        assertThat(logs.currentMatchProperty().get().text()).isEqualTo("Beta one");
        assertThat(logs.matchSummaryProperty().get()).isEqualTo("1 of 3");
        assertThat(logs.followProperty().get()).as("stepping to a match stops following").isFalse();
        logs.previousMatch();
        assertThat(logs.currentMatchProperty().get().text()).isEqualTo("BETA three");
        logs.nextMatch();
        assertThat(logs.currentMatchProperty().get().text()).as("wraps around").isEqualTo("Beta one");

        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "beta four"));
        logs.poll();
        assertThat(logs.matchSummaryProperty().get()).as("new lines are searched too").isEqualTo("1 of 4");
        assertThat(texts(logs)).as("matches are highlighted, every line still shown").hasSize(7);

        logs.searchProperty().set("nothing like it");
        assertThat(logs.matchSummaryProperty().get()).isEqualTo("No matches");
        assertThat(logs.currentMatchProperty().get()).isNull();
        logs.searchProperty().set("");
        assertThat(logs.matchSummaryProperty().get()).isEmpty();
    }

    @Test
    void onlyMatchingShowsTheMatchingLinesAndSaysWhenThereAreNone() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);
        logs.select(web);
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "64 bytes seq=0"));
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "64 bytes seq=1"));
        logs.poll();
        logs.onlyMatchingProperty().set(true);
        assertThat(texts(logs)).as("no search, no filter").hasSize(3);

        logs.searchProperty().set("SEQ=1");
        assertThat(texts(logs)).containsExactly("64 bytes seq=1");
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "64 bytes seq=10"));
        logs.poll();
        assertThat(texts(logs)).containsExactly("64 bytes seq=1", "64 bytes seq=10");

        logs.searchProperty().set("timeout");
        assertThat(texts(logs)).isEmpty();
        assertThat(logs.placeholderProperty().get()).isEqualTo("No line matches “timeout”");

        logs.onlyMatchingProperty().set(false);
        assertThat(texts(logs)).hasSize(4);
    }

    @Test
    void copiedTextHasTheTimesWhileTheyAreShown() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);
        logs.select(web);
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "one"));
        engine.appendLog("web", new LogLine(null, LogStream.STDERR, "two"));
        logs.poll();
        List<LogRow> lastTwo = logs.shownLines().subList(1, 3);

        assertThat(logs.textOf(lastTwo)).isEqualTo("2026-01-02 03:04:05.120 one\ntwo\n");
        logs.timestampsProperty().set(false);
        assertThat(logs.textOf(lastTwo)).isEqualTo("one\ntwo\n");
        assertThat(logs.allText()).isEqualTo("PING 127.0.0.1 (127.0.0.1): 56 data bytes\none\ntwo\n");

        logs.onlyMatchingProperty().set(true);
        logs.searchProperty().set("tw");
        assertThat(logs.allText()).as("all that is shown").isEqualTo("two\n");
    }

    @Test
    void clearEmptiesTheViewButNewOutputStillArrives() {
        ContainerInfo web = run("web");
        LogsViewModel logs = direct(100);
        logs.showingProperty().set(true);
        logs.select(web);
        logs.searchProperty().set("ping");
        logs.followProperty().set(false);

        logs.clear();

        assertThat(texts(logs)).isEmpty();
        assertThat(logs.placeholderProperty().get()).isEqualTo(LogsViewModel.CLEARED);
        assertThat(logs.matchSummaryProperty().get()).isEqualTo("No matches");
        assertThat(logs.followProperty().get()).isTrue();
        engine.appendLog("web", new LogLine(T, LogStream.STDOUT, "after the clear"));
        logs.poll();
        assertThat(texts(logs)).containsExactly("after the clear");
    }

    @Test
    void aFailedReadIsSaidInTheNoticeAndTheNextReadTriesAgain() {
        ContainerInfo web = run("web");
        AtomicInteger failures = new AtomicInteger(1);
        FakeContainerEngine flaky = new FakeContainerEngine() {
            @Override
            public synchronized LogChunk readLog(String container, long offset) {
                if (failures.getAndDecrement() > 0) {
                    throw new EngineException(EngineException.Kind.IO, "cannot read /x/log: Permission denied");
                }
                return engine.readLog(container, offset);
            }
        };
        LogsViewModel logs = new LogsViewModel(flaky, new TaskRunner(Runnable::run, Runnable::run), ZoneOffset.UTC);
        logs.showingProperty().set(true);

        logs.select(web);
        assertThat(logs.noticeProperty().get())
                .isEqualTo("Cannot read the log of web: cannot read /x/log: Permission denied");

        logs.poll();
        assertThat(logs.noticeProperty().get()).isNull();
        assertThat(texts(logs)).hasSize(1);
    }
}
