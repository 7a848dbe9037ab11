package io.isoscope.engine.core;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.testing.ConsoleScreen;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process-isolated console against the real runc and busybox: a TTY container's monitor holds the pty, consoles
 * attach and detach, exec runs under a monitor of its own, and the log is CRI records with timestamps.
 */
class ProcessConsoleIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** A CRI log record: time, stream, P or F, the text. */
    private static final Pattern RECORD = Pattern.compile("(\\S+) (stdout|stderr) ([PF]) (.*)");

    private static TestEngine fixture;
    private final List<ConsoleSession> sessions = new ArrayList<>();

    @BeforeAll
    static void open() {
        fixture = TestEngine.open();
        Assumptions.assumeTrue(fixture.engine().readiness().stream()
                .anyMatch(r -> r.isolation() == Isolation.PROCESS && r.available()), "process isolation is not available here");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @AfterEach
    void detachAndRemove() {
        sessions.forEach(ConsoleSession::close);
        ContainerEngine engine = fixture.engine();
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void typingIntoAnAttachedShellRunsTheCommand() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession console = attach(c);
        ConsoleScreen screen = ConsoleScreen.of(console);

        int mark = screen.mark();
        type(console, "echo hi\r");

        // The pty echoes what was typed ("echo hi"), then the shell's output line "hi".
        screen.awaitAfter(mark, "\r\nhi\r\n", WAIT);
        assertThat(fixture.engine().inspect(c.id()).state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void theFirstConsoleSeesWhatTheShellPrintedBeforeItAttached() throws IOException {
        ContainerInfo c = runShell();

        ConsoleScreen screen = ConsoleScreen.of(attach(c));

        // Like docker run -it, which attaches before the start: the banner and prompt are not lost.
        screen.awaitAfter(0, "/ # ", WAIT);
    }

    @Test
    void ctrlCInterruptsWhatTheShellRuns() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession console = attach(c);
        ConsoleScreen screen = ConsoleScreen.of(console);
        type(console, "sleep 100\r");
        Poll.until("sleep running in the container", WAIT,
                () -> fixture.engine().processes(c.id()).stream().anyMatch(p -> p.name().equals("sleep")));

        int mark = screen.mark();
        type(console, "\u0003");
        screen.awaitAfter(mark, "^C", WAIT);
        Poll.until("sleep interrupted", WAIT,
                () -> fixture.engine().processes(c.id()).stream().noneMatch(p -> p.name().equals("sleep")));

        mark = screen.mark();
        type(console, "echo after\r");
        screen.awaitAfter(mark, "\r\nafter\r\n", WAIT);
    }

    @Test
    void aResizeReachesTheTerminal() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession console = attach(c);
        ConsoleScreen screen = ConsoleScreen.of(console);

        console.resize(100, 30);
        int mark = screen.mark();
        type(console, "stty size\r");

        screen.awaitAfter(mark, "\r\n30 100\r\n", WAIT);

        console.resize(132, 43);
        mark = screen.mark();
        type(console, "stty size\r");
        screen.awaitAfter(mark, "\r\n43 132\r\n", WAIT);
    }

    @Test
    void detachingLeavesTheShellRunningAndAConsoleAttachesAgain() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession first = attach(c);
        ConsoleScreen firstScreen = ConsoleScreen.of(first);
        type(first, "X=kept\r");
        firstScreen.awaitAfter(0, "X=kept\r\n", WAIT);

        first.close();

        assertThat(fixture.engine().inspect(c.id()).state()).isEqualTo(ContainerState.RUNNING);
        ConsoleSession second = attach(c);
        ConsoleScreen screen = ConsoleScreen.of(second);
        int mark = screen.mark();
        type(second, "echo $X\r");
        screen.awaitAfter(mark, "\r\nkept\r\n", WAIT);
    }

    @Test
    void twoConsolesSeeTheSameTerminal() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession one = attach(c);
        ConsoleSession two = attach(c);
        ConsoleScreen screenOne = ConsoleScreen.of(one);
        ConsoleScreen screenTwo = ConsoleScreen.of(two);
        int markOne = screenOne.mark();
        int markTwo = screenTwo.mark();

        type(two, "echo both\r");

        screenOne.awaitAfter(markOne, "\r\nboth\r\n", WAIT);
        screenTwo.awaitAfter(markTwo, "\r\nboth\r\n", WAIT);
    }

    @Test
    void theShellOutlivesTheEngineAndANewEngineAttaches() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession before = attach(c);
        ConsoleScreen beforeScreen = ConsoleScreen.of(before);
        type(before, "Y=survived\r");
        beforeScreen.awaitAfter(0, "Y=survived\r\n", WAIT);

        ContainerEngine reopened = fixture.reopen();

        assertThat(reopened.inspect(c.id()).state()).isEqualTo(ContainerState.RUNNING);
        ConsoleSession console = reopened.attach(c.id());
        sessions.add(console);
        ConsoleScreen screen = ConsoleScreen.of(console);
        int mark = screen.mark();
        type(console, "echo $Y\r");
        screen.awaitAfter(mark, "\r\nsurvived\r\n", WAIT);
    }

    @Test
    void exitingTheShellEndsTheSessionWithItsExitCodeAndTheContainerWithItAndARestartHasATerminalAgain() throws IOException {
        ContainerInfo c = runShell();
        ConsoleSession console = attach(c);
        ConsoleScreen screen = ConsoleScreen.of(console);

        type(console, "exit 7\r");

        screen.awaitEnd(WAIT);
        assertThat(console.exitCode()).hasValue(7);
        Poll.until("the container marked exited", WAIT, () -> !fixture.engine().inspect(c.id()).isRunning());
        assertThat(fixture.engine().inspect(c.id()).exitCode()).isEqualTo(7);
        assertThat(fixture.engine().logs(c.id())).as("a terminal's output is logged too").contains("exit 7");
        Path sockets = fixture.stateDir().resolve("run").resolve(c.id().substring(0, 12));
        Poll.until("the console socket removed", WAIT, () -> !Files.exists(sockets.resolve("attach.sock")));

        fixture.engine().start(c.id());
        ConsoleSession again = attach(c);
        ConsoleScreen restarted = ConsoleScreen.of(again);
        int mark = restarted.mark();
        type(again, "echo restarted\r");
        restarted.awaitAfter(mark, "\r\nrestarted\r\n", WAIT);
    }

    @Test
    void killingATerminalContainersMonitorEndsItWithTheReason() throws IOException {
        ContainerInfo c = runShell();
        ConsoleScreen screen = ConsoleScreen.of(attach(c));
        Path dir = fixture.stateDir().resolve("containers").resolve(c.id());
        long monitor = Long.parseLong(Files.readString(dir.resolve("monitor.pid")).trim());

        ProcessHandle.of(monitor).orElseThrow().destroyForcibly();

        screen.awaitEnd(WAIT);
        Poll.until("the container marked ended", WAIT, () -> !fixture.engine().inspect(c.id()).isRunning());
        ContainerInfo ended = fixture.engine().inspect(c.id());
        assertThat(ended.exitCode()).as(ended.toString()).isEqualTo(137);
        assertThat(ended.reason()).contains("monitor was killed");
        assertThat(dir.resolve("runc").resolve(c.id())).as("runc state").doesNotExist();
        Poll.until("the shell gone", WAIT, () -> ProcessHandle.of(c.hostPid()).map(p -> !p.isAlive()).orElse(true));
        assertThat(fixture.stateDir().resolve("run").resolve(c.id().substring(0, 12))).as("its sockets").doesNotExist();
    }

    @Test
    void execWithATerminalRunsAShellBesideTheWorkload() throws IOException {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        ConsoleSession shell = fixture.engine().exec(c.id(), List.of("sh"), true);
        sessions.add(shell);
        ConsoleScreen screen = ConsoleScreen.of(shell);

        int mark = screen.mark();
        type(shell, "echo hi; tty\r");
        screen.awaitAfter(mark, "\r\nhi\r\n/dev/pts/", WAIT);
        assertThat(fixture.engine().processes(c.id())).extracting(p -> p.name()).contains("ping", "sh");

        type(shell, "exit 4\r");
        screen.awaitEnd(WAIT);
        assertThat(shell.exitCode()).hasValue(4);
        assertThat(fixture.engine().inspect(c.id()).state()).as("the container runs on").isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void execWithoutATerminalGivesTheOutputAndTheExitCode() throws IOException {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));

        ConsoleSession ls = fixture.engine().exec(c.id(), List.of("ls", "/"), false);
        sessions.add(ls);
        String listing = new String(ls.output().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(listing.lines()).contains("bin", "proc", "etc");
        assertThat(ls.exitCode()).hasValue(0);

        ConsoleSession failing = fixture.engine().exec(c.id(), List.of("sh", "-c", "echo to-err >&2; exit 3"), false);
        sessions.add(failing);
        assertThat(new String(failing.output().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("to-err\n");
        assertThat(failing.exitCode()).hasValue(3);
    }

    @Test
    void execWithStderrApartGivesEachStreamOnItsOwn() throws Exception {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));

        ConsoleSession sh = fixture.engine().exec(c.id(), List.of("sh", "-c",
                "echo to-out; echo to-err >&2; echo more-out; echo more-err >&2; exit 3"), false, true);
        sessions.add(sh);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(sh.errorOutput().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(new String(sh.output().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("to-out\nmore-out\n");
        assertThat(stderr.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("to-err\nmore-err\n");
        assertThat(sh.exitCode()).hasValue(3);
    }

    @Test
    void execWithoutATerminalReadsStdinUntilItIsClosed() throws IOException {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));

        ConsoleSession cat = fixture.engine().exec(c.id(), List.of("cat"), false);
        sessions.add(cat);
        cat.input().write("piped through\n".getBytes(StandardCharsets.UTF_8));
        cat.input().close();

        assertThat(new String(cat.output().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("piped through\n");
        assertThat(cat.exitCode()).hasValue(0);
    }

    @Test
    void aMissingProgramIsReportedAsDockerExecDoes() {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));

        assertThatThrownBy(() -> fixture.engine().exec(c.id(), List.of("no-such-program"), false))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.COMMAND_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("exec: \"no-such-program\": executable file not found in $PATH");
                });
        assertThat(fixture.engine().inspect(c.id()).state()).as("a failed exec leaves the container alone")
                .isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void closingAnExecSessionHangsUpItsProcessAndDisowningLeavesItRunning() {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        ConsoleSession hungUp = fixture.engine().exec(c.id(), List.of("sleep", "101"), false);
        ConsoleSession disowned = fixture.engine().exec(c.id(), List.of("sleep", "102"), false);
        Poll.until("both sleeps running", WAIT, () -> commandLines(c).containsAll(List.of("sleep 101", "sleep 102")));

        hungUp.close();
        disowned.disown();

        Poll.until("the closed session's sleep hung up", WAIT, () -> !commandLines(c).contains("sleep 101"));
        assertThat(commandLines(c)).as("docker exec -d: it runs on").contains("sleep 102");
    }

    @Test
    void theLogIsCriRecordsWithIncreasingTimesForBothStreams() throws IOException {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS,
                "sh", "-c", "echo one; sleep 0.05; echo two >&2; sleep 0.05; echo three; printf unterminated"));
        Poll.until("the container to end", WAIT, () -> !fixture.engine().inspect(c.id()).isRunning());

        Path log = fixture.stateDir().resolve("containers").resolve(c.id()).resolve("container.log");
        List<String> raw = Files.readAllLines(log);
        assertThat(raw).as("every line is a record").allMatch(l -> RECORD.matcher(l).matches());
        List<Instant> times = raw.stream().map(l -> Instant.parse(l.substring(0, l.indexOf(' ')))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).as("record %d's time", i).isAfterOrEqualTo(times.get(i - 1));
        }
        LogChunk chunk = fixture.engine().readLog(c.id(), 0);
        assertThat(chunk.lines()).extracting(LogLine::stream, LogLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "one"),
                org.assertj.core.groups.Tuple.tuple(LogStream.STDERR, "two"),
                org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "three"),
                org.assertj.core.groups.Tuple.tuple(LogStream.STDOUT, "unterminated"));
        Instant one = chunk.lines().get(0).time();
        Instant three = chunk.lines().get(2).time();
        assertThat(Duration.between(one, three)).as("the sleep between them").isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void attachingToAContainerWithoutATerminalIsRefused() {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));

        assertThatThrownBy(() -> fixture.engine().attach(c.id()))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
    }

    private ContainerInfo runShell() {
        return fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withTty(true));
    }

    private ConsoleSession attach(ContainerInfo c) {
        ConsoleSession s = fixture.engine().attach(c.id());
        sessions.add(s);
        return s;
    }

    private static void type(ConsoleSession console, String text) throws IOException {
        console.input().write(text.getBytes(StandardCharsets.UTF_8));
        console.input().flush();
    }

    private static List<String> commandLines(ContainerInfo c) {
        return fixture.engine().processes(c.id()).stream().map(p -> p.commandLine()).toList();
    }
}
