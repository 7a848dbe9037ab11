package io.isoscope.engine.runtime.vm;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.runtime.vm.agent.ByteSource;
import io.isoscope.engine.runtime.vm.agent.Frame;
import io.isoscope.engine.runtime.vm.agent.FrameCodec;
import io.isoscope.engine.runtime.vm.agent.FrameType;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Terminals in VM containers against real QEMU (TCG here), the cloud kernel and the guest agent: attaching to a
 * TTY workload, exec into a running container, and the log's timed records. Two VMs serve most tests: a shell on
 * a terminal and a ping that first prints to both streams.
 */
@Timeout(300) // a console that never answers fails the class instead of hanging the build
class HypervConsoleIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine ENGINE = new SharedTestEngine();

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How far the guest's clock, set from the host's at start, may be from it in a record's time. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

    /** Longer than the 16 KiB a CRI record holds: logged as P records and a last F. */
    private static final int LONG_LINE = 40_000;

    private static ContainerInfo shell;
    private static ContainerInfo pinger;
    private static Instant pingerStarting;

    @BeforeAll
    static void startVms(ContainerEngine engine) {
        shell = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh").withTty(true));
        pingerStarting = Instant.now();
        pinger = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c",
                "echo to-out; echo to-err >&2; head -c " + LONG_LINE + " /dev/zero | tr '\\0' x; echo;"
                        + " exec ping 127.0.0.1"));
    }

    @Test
    void whatIsTypedRunsInTheShellAndItsOutputIsLogged(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("echo hi\r");
            screen.await("\r\nhi\r\n", 0);
        }
        assertThat(engine.inspect(shell.id()).state()).as("detaching leaves it running").isEqualTo(ContainerState.RUNNING);
        LogLine hi = Poll.untilPresent("hi in the log", WAIT, () -> engine.readLog(shell.id(), 0).lines().stream()
                .filter(l -> l.text().equals("hi")).findFirst());
        assertThat(hi.stream()).isEqualTo(LogStream.STDOUT);
        assertThat(hi.time()).isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now().plus(CLOCK_SLACK));
    }

    @Test
    void theFirstConsoleSeesThePromptTheShellPrintedBeforeItAttached(ContainerEngine engine) throws Exception {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh").withTty(true));
        try {
            // Running in the guest: its prompt is (about to be) on the terminal before any console is there.
            Poll.until("sh to run in the VM", WAIT, () -> names(engine, c).contains("sh"));
            try (ConsoleSession console = engine.attach(c.id())) {
                Transcript screen = Transcript.of(console);
                // Like docker run -it: nothing typed, and the prompt is there.
                screen.await("/ # ", 0);
            }
        } finally {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void whatTheShellPrintedWhileNoConsoleWasAttachedIsShownToTheNextOne(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("sleep 1; echo later-$((3*4))\r");
            screen.await("later-$((3*4))\r\n", 0); // the terminal's echo: the shell has the line
        }
        // Logged as a whole line: printed, with nobody attached to see it.
        Poll.until("later-12 in the log", WAIT, () -> engine.readLog(shell.id(), 0).lines().stream()
                .anyMatch(l -> l.text().equals("later-12")));
        try (ConsoleSession again = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(again);
            int after = screen.await("later-12\r\n", 0);
            screen.await("/ # ", after);
        }
    }

    @Test
    void ctrlCInterruptsTheForegroundProgram(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("sleep 100\r");
            Poll.until("sleep to run in the VM", WAIT, () -> names(engine, shell).contains("sleep"));
            long typed = System.nanoTime();
            screen.type("\u0003");
            Poll.until("sleep to end", WAIT, () -> !names(engine, shell).contains("sleep"));
            assertThat(Duration.ofNanos(System.nanoTime() - typed)).isLessThan(WAIT);
            int from = screen.length();
            screen.type("echo after-$((1+1))\r");
            screen.await("\r\nafter-2\r\n", from);
        }
    }

    @Test
    void resizingTellsTheTerminalItsSize(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            console.resize(100, 30);
            screen.type("stty size\r");
            screen.await("\r\n30 100\r\n", 0);
        }
    }

    @Test
    void aReattachedConsoleFindsTheSameShell(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("KEPT=kept-$((2*3)); echo set\r");
            screen.await("\r\nset\r\n", 0);
        }
        try (ConsoleSession again = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(again);
            screen.type("echo $KEPT\r");
            screen.await("\r\nkept-6\r\n", 0);
        }
    }

    @Test
    void anAttachedConsoleAndExecdShellsShareTheLineEachWithItsOwnScreen(ContainerEngine engine) throws Exception {
        try (ConsoleSession console = engine.attach(shell.id());
             ConsoleSession first = engine.exec(shell.id(), List.of("sh"), true);
             ConsoleSession second = engine.exec(shell.id(), List.of("sh", "-c", "read line; echo got-$line"), false)) {
            Transcript attached = Transcript.of(console);
            Transcript one = Transcript.of(first);
            Transcript two = Transcript.of(second);
            one.type("echo one-$((1+1))\r");
            attached.type("echo attached-$((2+2))\r");
            two.type("two\n");
            one.await("\r\none-2\r\n", 0);
            attached.await("\r\nattached-4\r\n", 0);
            two.awaitEnd();
            assertThat(two.text()).isEqualTo("got-two\n");
            assertThat(second.exitCode()).hasValue(0);
            assertThat(attached.text()).doesNotContain("one-2");
            assertThat(one.text()).doesNotContain("attached-4");
        }
    }

    @Test
    void execLsPrintsTheRootAndExitsZero(ContainerEngine engine) {
        try (ConsoleSession ls = engine.exec(pinger.id(), List.of("ls", "/"), false)) {
            Transcript out = Transcript.of(ls);
            out.awaitEnd();
            assertThat(out.text()).contains("bin\n", "proc\n");
            assertThat(ls.exitCode()).hasValue(0);
        }
        try (ConsoleSession failing = engine.exec(pinger.id(), List.of("sh", "-c", "echo oops >&2; exit 4"), false)) {
            Transcript out = Transcript.of(failing);
            out.awaitEnd();
            assertThat(out.text()).isEqualTo("oops\n");
            assertThat(failing.exitCode()).hasValue(4);
        }
    }

    @Test
    void execWithStderrApartGivesEachStreamOnItsOwn(ContainerEngine engine) throws Exception {
        try (ConsoleSession sh = engine.exec(pinger.id(), List.of("sh", "-c",
                "echo to-out; echo to-err >&2; echo more-out; echo more-err >&2; exit 3"), false, true)) {
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
    }

    @Test
    void execOfAMissingProgramIsCommandNotFound(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.exec(pinger.id(), List.of("no-such-program"), true))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.COMMAND_NOT_FOUND))
                .hasMessage("exec: \"no-such-program\": executable file not found in $PATH");
    }

    @Test
    void execItShellIntoTheRunningPingAndDetachHangsItUp(ContainerEngine engine) throws Exception {
        ConsoleSession shellSession = engine.exec(pinger.id(), List.of("sh"), true);
        try {
            Transcript screen = Transcript.of(shellSession);
            screen.type("echo $((6*7)) $TERM\r");
            screen.await("\r\n42 xterm\r\n", 0);
            assertThat(names(engine, pinger)).as("docker top shows exec'd processes too").contains("ping", "sh");
        } finally {
            shellSession.close();
        }
        Poll.until("the exec'd shell to end on SIGHUP", WAIT, () -> !names(engine, pinger).contains("sh"));
        assertThat(names(engine, pinger)).contains("ping");
    }

    @Test
    void execWithoutATerminalTakesInputUntilItsEnd(ContainerEngine engine) throws Exception {
        try (ConsoleSession cat = engine.exec(pinger.id(), List.of("cat"), false)) {
            Transcript out = Transcript.of(cat);
            out.type("through stdin\n");
            out.await("through stdin\n", 0);
            cat.input().close();
            out.awaitEnd();
            assertThat(cat.exitCode()).hasValue(0);
        }
    }

    @Test
    void theLogHoldsTimedRecordsOfBothStreams(ContainerEngine engine) throws Exception {
        List<LogLine> lines = Poll.untilPresent("both streams and ping's output in the log", WAIT, () -> {
            List<LogLine> l = engine.readLog(pinger.id(), 0).lines();
            boolean complete = l.stream().anyMatch(x -> x.text().equals("to-err"))
                    && l.stream().anyMatch(x -> x.text().contains("bytes from 127.0.0.1"));
            return complete ? Optional.of(l) : Optional.empty();
        });
        assertThat(lines).filteredOn(l -> l.text().equals("to-out")).singleElement()
                .extracting(LogLine::stream).isEqualTo(LogStream.STDOUT);
        assertThat(lines).filteredOn(l -> l.text().equals("to-err")).singleElement()
                .extracting(LogLine::stream).isEqualTo(LogStream.STDERR);
        assertThat(lines).filteredOn(l -> l.text().startsWith("xxx")).singleElement()
                .extracting(l -> l.text().length()).as("the long line, joined again").isEqualTo(LONG_LINE);
        assertThat(lines).allSatisfy(l -> assertThat(l.time()).as(l.text())
                .isBetween(pingerStarting.minus(CLOCK_SLACK), Instant.now().plus(CLOCK_SLACK)));
        Path log = ENGINE.stateDir().resolve("containers").resolve(pinger.id()).resolve("container.log");
        List<String> records = Files.readAllLines(log);
        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(record)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (stdout|stderr) [FP] .*"));
        assertThat(records).filteredOn(r -> r.contains(" stdout P x")).as("16 KiB pieces").hasSize(LONG_LINE / 16384);
    }

    @Test
    void anotherProcessHoldingTheConsoleGetsAClearError(ContainerEngine engine) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeThat(Files.isExecutable(python)).as("python3, to hold the lock as another process would").isTrue();
        Path lock = ENGINE.stateDir().resolve("run").resolve(shell.id().substring(0, 12)).resolve("console.lock");
        // Holds the lock the way a JVM does (fcntl), with its PID in the file, until its stdin closes.
        Process holder = new ProcessBuilder(python.toString(), "-c", String.join("\n",
                "import fcntl, os, sys",
                "f = open(sys.argv[1], 'a+')",
                "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                "f.truncate(0); f.write(str(os.getpid()) + '\\n'); f.flush()",
                "print('locked', flush=True)",
                "sys.stdin.read()"), lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> engine.attach(shell.id()))
                    .isInstanceOfSatisfying(EngineException.class,
                            e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT))
                    .hasMessageContaining("is in use by another Isoscope process (PID " + holder.pid() + ")")
                    .hasMessageContaining("close the console or exec session there first");
        } finally {
            holder.getOutputStream().close();
            holder.destroy();
            holder.waitFor();
        }
        try (ConsoleSession console = engine.attach(shell.id());
             ContainerEngine second = Engines.open(EngineConfig.at(ENGINE.stateDir()))) {
            assertThatThrownBy(() -> second.exec(shell.id(), List.of("ls"), false))
                    .isInstanceOf(EngineException.class).hasMessageContaining("in use by another engine in this process");
            Transcript screen = Transcript.of(console);
            screen.type("echo still-mine\r");
            screen.await("\r\nstill-mine\r\n", 0);
        }
    }

    @Test
    void exitTypedIntoTheAttachedShellEndsTheContainerWithItsCode(ContainerEngine engine) throws Exception {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh").withTty(true));
        try (ConsoleSession console = engine.attach(c.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("exit 3\r");
            screen.awaitEnd();
            assertThat(console.exitCode()).hasValue(3);
        }
        assertThat(engine.awaitExit(c.id(), WAIT).exitCode()).isEqualTo(3);
        engine.remove(c.id(), true);
    }

    @Test
    void theAgentSkipsBadFramesOnTheConsoleLineAnswersMalformedOnesAndServesTheNextHost(ContainerEngine engine)
            throws Exception {
        Path socket = ENGINE.stateDir().resolve("run").resolve(shell.id().substring(0, 12)).resolve("console.sock");
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] garbled = FrameCodec.encode(Frame.data(FrameType.INPUT, 1, 0, "ls\r".getBytes(StandardCharsets.US_ASCII)));
            garbled[garbled.length - 1] ^= 0x5A;
            byte[] oversized = {0x49, 0x53, 0x02, FrameType.INPUT, 0x00, 0x20, 0x00, 0x00};
            byte[] withoutStrings = withChecksum(new byte[] {0x49, 0x53, 0x02, FrameType.INPUT, 0, 0, 0, 3, 'l', 's', '\r'});
            send(raw, garbled, oversized, withoutStrings,
                    FrameCodec.encode(Frame.of(FrameType.RESIZE, "1", "0", "0")),
                    FrameCodec.encode(Frame.of(FrameType.ATTACH, "x")),
                    FrameCodec.encode(Frame.of(FrameType.START)),
                    FrameCodec.encode(Frame.of(FrameType.HELLO, "after-the-garbage", "isoscope-host")));

            List<Frame> answers = new java.util.ArrayList<>();
            raw.configureBlocking(true);
            ByteSource in = (dst, deadline) -> raw.read(dst);
            while (answers.isEmpty() || answers.get(answers.size() - 1).type() != FrameType.HELLO_REPLY) {
                answers.add(FrameCodec.decodeSkippingGarbage(in, Long.MAX_VALUE));
            }
            assertThat(answers).extracting(f -> FrameType.name(f.type()) + " " + f.strings()).containsExactly(
                    "ERROR [RESIZE wants a session number, columns and rows (1 to 65535)]",
                    "ERROR [\"x\" is not a session number (1 to 2147483647)]",
                    "ERROR [request type 0x02 belongs on the control line (ttyS1), not the console line]",
                    "HELLO reply [after-the-garbage, isoscope-agent, 2, ready, console]");
            // A frame cut short: it swallows what follows until its checksum fails, then the line recovers.
            send(raw, new byte[] {0x49, 0x53, 0x02, FrameType.ATTACH, 0, 0, 0, 100, '1'});
        }
        try (ConsoleSession console = engine.attach(shell.id())) {
            Transcript screen = Transcript.of(console);
            screen.type("echo recovered\r");
            screen.await("\r\nrecovered\r\n", 0);
        }
    }

    @Test
    void aHostThatFallsSilentLosesItsSessionsAndItsExecdProcesses(ContainerEngine engine) throws Exception {
        Path socket = ENGINE.stateDir().resolve("run").resolve(pinger.id().substring(0, 12)).resolve("console.sock");
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // A host that opens a session and then stops, as a frozen or killed engine does: no PING, no DETACH.
            send(raw, FrameCodec.encode(Frame.of(FrameType.HELLO, "silent-host", "isoscope-host")),
                    FrameCodec.encode(Frame.of(FrameType.EXEC, "9", "0", "2", "sleep", "1000")));
            ByteSource in = (dst, deadline) -> raw.read(dst);
            List<String> seen = new java.util.ArrayList<>();
            long start = System.nanoTime();
            while (!seen.contains("DETACHED [9]")) {
                Frame f = FrameCodec.decodeSkippingGarbage(in, Long.MAX_VALUE);
                seen.add(FrameType.name(f.type()) + " " + f.strings());
                if (f.type() == FrameType.OPENED) {
                    start = System.nanoTime();
                    assertThat(names(engine, pinger)).contains("sleep");
                }
            }
            assertThat(seen).anyMatch(x -> x.startsWith("OPENED [9, "));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the lease").isBetween(
                    Duration.ofSeconds(9), Duration.ofSeconds(25));
        }
        Poll.until("the exec'd sleep to end on SIGHUP", WAIT, () -> !names(engine, pinger).contains("sleep"));
    }

    private static void send(SocketChannel channel, byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static byte[] withChecksum(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return ByteBuffer.allocate(frame.length + 4).put(frame).putInt((int) crc.getValue()).array();
    }

    private static List<String> names(ContainerEngine engine, ContainerInfo c) {
        return engine.processes(c.id()).stream().map(ContainerProcess::name).toList();
    }
}
