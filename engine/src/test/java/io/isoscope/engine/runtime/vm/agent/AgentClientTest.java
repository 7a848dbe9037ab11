package io.isoscope.engine.runtime.vm.agent;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The engine's side of a conversation with a guest agent, against a fake agent on a real unix socket. */
@Tag("fault-injection")
class AgentClientTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration REQUEST = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(500);
    /** Generous room for a loaded machine on top of a deadline. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("agent.sock");
    }

    @Test
    void handshakeSkipsWhatAnEarlierConnectionLeftBeforeTheAgentsOwnHello() throws Exception {
        FakeAgent.Conversation afterStaleFrames = line -> {
            String nonce = line.read().strings().get(0);
            line.writeRaw("\r\nDebian GNU/Linux 12\r\n".getBytes(StandardCharsets.US_ASCII));
            line.write(Frame.of(FrameType.HELLO_REPLY, "an-older-nonce", "isoscope-agent", "2.2", "ready", "control"));
            line.write(Frame.of(FrameType.STATUS_REPLY, "exited", "", "0"));
            line.write(Frame.of(FrameType.ERROR, "an answer nobody waits for"));
            line.write(Frame.of(FrameType.HELLO_REPLY, nonce, "isoscope-agent", "2.3", "ready", "control"));
            line.answerAll(AgentClientTest::standard);
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), afterStaleFrames);
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            assertThat(client.agentVersion()).isEqualTo("2.3");
            assertThat(client.status()).isEqualTo(new GuestStatus(GuestStatus.State.RUNNING, 83L, null));
        }
    }

    @Test
    void handshakeRepeatsAHelloTheBootingGuestMissed() throws Exception {
        FakeAgent.Conversation bootingGuest = line -> {
            line.read(); // arrives before the agent listens: lost
            FakeAgent.answering(AgentClientTest::standard).serve(line);
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), bootingGuest);
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            assertThat(client.status().state()).isEqualTo(GuestStatus.State.RUNNING);
            List<Frame> hellos = agent.received().stream().filter(f -> f.type() == FrameType.HELLO).toList();
            assertThat(hellos).hasSizeGreaterThanOrEqualTo(2);
            assertThat(hellos).extracting(f -> f.strings().get(0)).containsOnly(hellos.get(0).strings().get(0));
            assertThat(hellos.get(0).strings()).element(1).isEqualTo("isoscope-host");
        }
    }

    @Test
    void connectWaitsForTheSocketToAppear() throws Exception {
        CompletableFuture<FakeAgent> lateAgent = CompletableFuture.supplyAsync(() -> {
            try {
                return FakeAgent.serve(socket(), FakeAgent.answering(AgentClientTest::standard));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        try (AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {
            assertThat(client.agentVersion()).isEqualTo("2.0-fake");
        } finally {
            lateAgent.get(CONNECT.toSeconds(), TimeUnit.SECONDS).close();
        }
    }

    @Test
    void startSendsTheClockTheTerminalTheWorkingDirectoryArgumentsAndEnvironmentAndReturnsTheGuestPid()
            throws Exception {
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(AgentClientTest::standard));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            int pid = client.start(List.of("ping", "127.0.0.1"), List.of("PATH=/bin", "HOME=/root"), "/tmp", true,
                    Instant.parse("2026-11-28T10:00:00.000000123Z"));

            assertThat(pid).isEqualTo(83);
            assertThat(lastOfType(agent, FrameType.START).strings()).containsExactly("1795860000", "123", "1", "/tmp",
                    "2", "ping", "127.0.0.1", "2", "PATH=/bin", "HOME=/root");
        }
    }

    @Test
    void theHandshakeProbesForAVersion1AgentAndNamesItAtOnce() throws Exception {
        FakeAgent.Conversation oldAgent = line -> {
            // Answers what a version-1 agent understands: the probe, in version 1.
            line.writeRaw(FrameCodec.encode(Frame.of(FrameType.HELLO_REPLY, "whatever", "isoscope-agent", "1", "ready"),
                    FrameCodec.VERSION_1));
            line.stall();
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), oldAgent)) {

            Failure failure = failure(() -> AgentClient.connect(socket(), CONNECT, REQUEST));

            assertThat(failure.thrown()).isInstanceOf(AgentVersionException.class)
                    .hasMessageStartingWith("the guest agent speaks protocol version 1, this engine version 2")
                    .hasMessageContaining("restart the container");
            assertThat(failure.elapsed()).isLessThan(CONNECT);
        }
    }

    @Test
    void aSocketThatLeadsToTheConsoleLineIsRefused() throws Exception {
        FakeAgent.Conversation console = line -> {
            line.handshake("console");
            line.stall();
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), console)) {

            assertThat(catchThrowable(() -> AgentClient.connect(socket(), CONNECT, REQUEST)))
                    .isInstanceOf(AgentProtocolException.class)
                    .hasMessage("the socket " + socket() + " leads to the agent's console line, not its control line");
        }
    }

    @Test
    void processesReadsEveryFieldInItsUnit() throws Exception {
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(AgentClientTest::standard));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            assertThat(client.processes()).containsExactly(
                    new GuestProcess(1, 0, 0, "root", "init", 1.5, 2048 * 1024, "/init"),
                    new GuestProcess(83, 1, 65534, "nobody", "ping", 0.02, 512 * 1024, "ping 127.0.0.1"));
        }
    }

    @Test
    void signalSendsThePidAndTheNumber() throws Exception {
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(AgentClientTest::standard));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            client.signal(0, 15);

            assertThat(lastOfType(agent, FrameType.SIGNAL).strings()).containsExactly("0", "15");
        }
    }

    @Test
    void statusOfAnEndedWorkloadHasItsExitCodeAndNoPid() throws Exception {
        FakeAgent.Answerer exited = request -> request.type() == FrameType.STATUS
                ? Frame.of(FrameType.STATUS_REPLY, "exited", "", "7") : standard(request);
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(exited));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            assertThat(client.status()).isEqualTo(new GuestStatus(GuestStatus.State.EXITED, null, 7));
        }
    }

    @Test
    void powerOffReturnsOnceTheAgentAcknowledged() throws Exception {
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(AgentClientTest::standard));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            client.powerOff();

            assertThat(agent.received()).extracting(Frame::type).contains(FrameType.POWEROFF);
        }
    }

    @Test
    void anErrorFrameFailsTheRequestWithTheAgentsMessageAndKeepsTheConversation() throws Exception {
        FakeAgent.Answerer refusesStart = request -> request.type() == FrameType.START
                ? Frame.of(FrameType.ERROR, "no such file: /bin/pong") : standard(request);
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.answering(refusesStart));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            Throwable thrown = catchThrowable(() -> client.start(List.of("/bin/pong"), List.of(), "/", false, Instant.now()));

            assertThat(thrown).isExactlyInstanceOf(AgentException.class)
                    .hasMessage("the guest agent refused START: no such file: /bin/pong");
            assertThat(client.status().state()).isEqualTo(GuestStatus.State.RUNNING);
        }
    }

    @Test
    void aWrongMagicFailsAtOnceAndEndsTheConversation() throws Exception {
        byte[] ok = FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", ""));
        ok[0] = 'X';
        try (FakeAgent agent = FakeAgent.serve(socket(), answeringOnceWith(ok));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            Failure failure = failure(client::status);

            assertThat(failure.thrown()).isInstanceOf(AgentProtocolException.class)
                    .hasMessageStartingWith("garbled frame:").hasMessageContaining(socket().toString());
            assertThat(failure.elapsed()).isLessThan(REQUEST);
            assertThat(catchThrowable(client::status)).isInstanceOf(AgentException.class)
                    .hasMessageContaining("closed after an earlier error: garbled frame");
        }
    }

    @Test
    void aBadChecksumFailsAtOnce() throws Exception {
        byte[] ok = FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", ""));
        ok[ok.length - 1] ^= 0x5A;
        try (FakeAgent agent = FakeAgent.serve(socket(), answeringOnceWith(ok));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            Failure failure = failure(client::status);

            assertThat(failure.thrown()).isInstanceOf(AgentProtocolException.class)
                    .hasMessageStartingWith("garbled frame: checksum");
            assertThat(failure.elapsed()).isLessThan(REQUEST);
        }
    }

    @Test
    void anOversizedLengthFailsAtOnceWithoutWaitingForItsPayload() throws Exception {
        byte[] header = {0x49, 0x53, 0x02, (byte) 0x85, 0x00, 0x20, 0x00, 0x00};
        try (FakeAgent agent = FakeAgent.serve(socket(), answeringOnceWith(header));
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            Failure failure = failure(client::status);

            assertThat(failure.thrown()).isInstanceOf(AgentProtocolException.class)
                    .hasMessageStartingWith("oversized frame: 2097152 bytes (limit 1048576)");
            assertThat(failure.elapsed()).isLessThan(REQUEST);
        }
    }

    @Test
    void halfAFrameThenSilenceFailsAsTruncatedAtTheDeadline() throws Exception {
        byte[] whole = FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", ""));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        try (FakeAgent agent = FakeAgent.serve(socket(), answeringOnceWith(half));
             AgentClient client = AgentClient.connect(socket(), CONNECT, SHORT)) {

            Failure failure = failure(client::status);

            assertThat(failure.thrown()).isInstanceOf(AgentProtocolException.class).hasMessageStartingWith(
                    "truncated frame: got " + half.length + " of " + whole.length + " bytes before the deadline");
            assertThat(failure.elapsed()).isBetween(SHORT, SHORT.plus(SLACK));
        }
    }

    @Test
    void anAgentThatNeverAnswersTimesOutWithAClearMessage() throws Exception {
        FakeAgent.Conversation mute = line -> {
            line.handshake();
            line.stall();
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), mute);
             AgentClient client = AgentClient.connect(socket(), CONNECT, SHORT)) {

            Failure failure = failure(client::status);

            assertThat(failure.thrown()).isExactlyInstanceOf(AgentTimeoutException.class)
                    .hasMessage("the guest agent did not answer within 500 ms (STATUS on " + socket() + ")");
            assertThat(failure.elapsed()).isBetween(SHORT, SHORT.plus(SLACK));
        }
    }

    @Test
    void anAgentThatHangsUpFailsTheRequest() throws Exception {
        FakeAgent.Conversation hangsUp = line -> {
            line.handshake();
            line.read();
        };
        try (FakeAgent agent = FakeAgent.serve(socket(), hangsUp);
             AgentClient client = AgentClient.connect(socket(), CONNECT, REQUEST)) {

            Failure failure = failure(client::processes);

            assertThat(failure.thrown()).isExactlyInstanceOf(AgentException.class)
                    .hasMessage("the guest agent closed the connection (PS on " + socket() + ")");
            assertThat(failure.elapsed()).isLessThan(REQUEST);
        }
    }

    @Test
    void aGuestThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (FakeAgent agent = FakeAgent.serve(socket(), FakeAgent.Line::stall)) {

            Failure failure = failure(() -> AgentClient.connect(socket(), SHORT, REQUEST));

            assertThat(failure.thrown()).isExactlyInstanceOf(AgentTimeoutException.class)
                    .hasMessage("the guest agent did not answer within 500 ms (HELLO on " + socket() + ")");
            assertThat(failure.elapsed()).isBetween(SHORT, SHORT.plus(SLACK));
        }
    }

    @Test
    void aSocketThatNeverAppearsTimesOut() {
        Path absent = dir.resolve("absent.sock");

        Failure failure = failure(() -> AgentClient.connect(absent, SHORT, REQUEST));

        assertThat(failure.thrown()).isExactlyInstanceOf(AgentTimeoutException.class)
                .hasMessageStartingWith("the guest agent's socket " + absent + " accepted no connection within 500 ms");
        assertThat(failure.elapsed()).isBetween(SHORT, SHORT.plus(SLACK));
    }

    /** What a well-behaved agent answers for a container running ping as guest PID 83. */
    private static Frame standard(Frame request) {
        return switch (request.type()) {
            case FrameType.START -> Frame.of(FrameType.STARTED, "83");
            case FrameType.PS -> Frame.of(FrameType.PROCESSES, "2",
                    "1", "0", "0", "root", "init", "1500", "2048", "/init",
                    "83", "1", "65534", "nobody", "ping", "20", "512", "ping 127.0.0.1");
            case FrameType.SIGNAL, FrameType.POWEROFF -> Frame.of(FrameType.OK);
            case FrameType.STATUS -> Frame.of(FrameType.STATUS_REPLY, "running", "83", "");
            default -> Frame.of(FrameType.ERROR, "unknown request " + FrameType.name(request.type()));
        };
    }

    /** An agent that shakes hands, answers the first request with {@code bytes} and then says nothing more. */
    private static FakeAgent.Conversation answeringOnceWith(byte[] bytes) {
        return line -> {
            line.handshake();
            line.read();
            line.writeRaw(bytes);
            line.stall();
        };
    }

    private static Frame lastOfType(FakeAgent agent, int type) {
        List<Frame> frames = agent.received().stream().filter(f -> f.type() == type).toList();
        assertThat(frames).as("frames of type " + FrameType.name(type)).isNotEmpty();
        return frames.get(frames.size() - 1);
    }

    private record Failure(Throwable thrown, Duration elapsed) {
    }

    private static Failure failure(ThrowingCallable call) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        return new Failure(thrown, Duration.ofNanos(System.nanoTime() - start));
    }
}
