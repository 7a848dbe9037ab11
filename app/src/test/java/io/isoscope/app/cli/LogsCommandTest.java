package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.logs.CriLogFormat;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logs} with {@code -t} and {@code -f}, over logs with recorded times (the CRI format) and raw ones. */
class LogsCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05.12Z");
    private static final Instant T2 = Instant.parse("2026-01-02T03:04:06.123456789Z");

    @TempDir
    Path tmp;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final CriLogFormat cri = new CriLogFormat();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void timestampsPutEachLinesTimeFirstInDockersFixedNanosecondForm() {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");
        Instant first = h.engine.readLog("web", 0).lines().get(0).time();
        h.engine.appendLog("web", new LogLine(T1, LogStream.STDOUT, "64 bytes from 127.0.0.1"));
        h.engine.appendLog("web", new LogLine(T2, LogStream.STDERR, "ping: sendto: oops"));

        Result r = h.run("logs", "-t", c.id());
        Result longForm = h.run("logs", "--timestamps", "web");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(LogPrinter.DOCKER_TIME.format(first) + " PING 127.0.0.1 (127.0.0.1): 56 data bytes\n"
                + "2026-01-02T03:04:05.120000000Z 64 bytes from 127.0.0.1\n"
                + "2026-01-02T03:04:06.123456789Z ping: sendto: oops\n");
        assertThat(r.out().lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z .*"));
        assertThat(longForm.out()).isEqualTo(r.out());
        assertThat(h.run("logs", "web").out()).as("without -t, only the text")
                .isEqualTo("PING 127.0.0.1 (127.0.0.1): 56 data bytes\n64 bytes from 127.0.0.1\nping: sendto: oops\n");
    }

    @Test
    void aLineWithoutARecordedTimeIsPrintedAsItIs() throws IOException {
        Path log = Files.writeString(tmp.resolve("log"), "written before times were recorded\n"
                + cri.format(T1, LogStream.STDOUT, "a timed line") + "\nunfinished");
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(log));
        h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");

        Result r = h.run("logs", "-t", "web");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("written before times were recorded\n"
                + "2026-01-02T03:04:05.120000000Z a timed line\nunfinished");
    }

    @Test
    void followPrintsTheTextOfTimedRecordsAsTheyAppearAndEndsWhenTheContainerStops() throws Exception {
        Path log = tmp.resolve("log");
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(log));
        ContainerInfo c = h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");
        append(log, cri.format(T1, LogStream.STDOUT, "PING 127.0.0.1") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<Integer> exit = background.submit(() -> h.cli(Clock.systemUTC(), out, new ByteArrayOutputStream())
                .run(List.of("logs", "-f", "web")));

        Poll.until("the first line", WAIT, () -> text(out).equals("PING 127.0.0.1\n"));
        // A long line comes as two partial records; it is printed once, whole.
        append(log, "2026-01-02T03:04:06Z stdout P 64 bytes \n2026-01-02T03:04:06Z stdout F from 127.0.0.1\n");
        Poll.until("the joined line", WAIT, () -> text(out).endsWith("\n64 bytes from 127.0.0.1\n"));
        assertThat(exit).isNotDone();
        append(log, cri.format(T2, LogStream.STDERR, "last words") + "\n");
        h.engine.exit(c.id(), 0);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(text(out)).isEqualTo("PING 127.0.0.1\n64 bytes from 127.0.0.1\nlast words\n");
    }

    @Test
    void followWithTimestampsOfAStoppedContainerPrintsAllAndReturns() throws IOException {
        Path log = Files.writeString(tmp.resolve("log"), cri.format(T1, LogStream.STDOUT, "one") + "\n"
                + "raw two\n" + cri.format(T2, LogStream.STDERR, "three") + "\n");
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(log));
        ContainerInfo c = h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");
        h.engine.exit(c.id(), 0);

        Result r = h.run("logs", "-f", "-t", "web");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("2026-01-02T03:04:05.120000000Z one\nraw two\n"
                + "2026-01-02T03:04:06.123456789Z three\n");
    }

    @Test
    void attachedRunPrintsAnUnfinishedLastLineOnceTheContainerStops() throws Exception {
        Path log = tmp.resolve("log");
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(log));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<Integer> exit = background.submit(() -> h.cli(Clock.systemUTC(), out, new ByteArrayOutputStream())
                .run(List.of("run", "busybox", "printf", "hi")));
        Poll.until("the container to run", WAIT, () -> !h.engine.list(false).isEmpty());

        append(log, "hi");
        h.engine.exit(h.engine.list(false).get(0).id(), 0);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(text(out)).isEqualTo("hi");
    }

    @Test
    void aMissingContainerIsTheEnginesError() {
        Result r = new CliHarness().run("logs", "-t", "nosuch");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such container: nosuch\n");
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
