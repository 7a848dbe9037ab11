package io.isoscope.engine.runtime.vm.agent;

import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The engine's end of the console line against a fake agent on a real unix socket: sessions, their output and
 * exit codes, and every bad frame on the new messages ending the line with a clear reason instead of a hang.
 */
@Tag("fault-injection")
@Timeout(60) // a broken line must end its sessions; should it not, this fails instead of hanging the build
class ConsoleLineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<GuestSession> endedSessions = new CopyOnWriteArrayList<>();

    private Path socket() {
        return dir.resolve("console.sock");
    }

    @Test
    void anAttachedSessionGetsItsOutputSendsInputAndSizesAndDetaches() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame attach = line.read();
            String id = attach.strings().get(0);
            line.write(Frame.of(FrameType.OPENED, id, "42"));
            line.write(Frame.data(FrameType.OUTPUT, Long.parseLong(id), 1, "/ # ".getBytes(StandardCharsets.US_ASCII)));
            while (true) {
                Frame f = line.read();
                if (f.type() == FrameType.INPUT) {
                    line.write(Frame.data(FrameType.OUTPUT, Long.parseLong(id), 1, f.data())); // a terminal's echo
                } else if (f.type() == FrameType.DETACH) {
                    line.write(Frame.of(FrameType.DETACHED, id));
                }
            }
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession session = line.attach(TIMEOUT, endedSessions::add);
            assertThat(session.guestPid()).isEqualTo(42);
            assertThat(session.attached()).isTrue();
            session.input().write(new byte[] {'l', 's', '\r', 3, 0, (byte) 0xFF});
            session.resize(120, 40);
            assertThat(readAtLeast(session.output(), 10)).containsExactly('/', ' ', '#', ' ', 'l', 's', '\r', 3, 0, 0xFF);

            session.close();

            assertThat(session.output().read()).as("the end of the output").isEqualTo(-1);
            assertThat(endedSessions).containsExactly(session);
            assertThat(fake.received()).extracting(Frame::type).containsSubsequence(FrameType.ATTACH, FrameType.INPUT,
                    FrameType.RESIZE, FrameType.DETACH);
            assertThat(fake.received().stream().filter(f -> f.type() == FrameType.RESIZE).findFirst().orElseThrow()
                    .strings()).containsExactly("1", "120", "40");
            assertThat(line.isOpen()).as("the line outlives its sessions; its owner closes it").isTrue();
        }
    }

    @Test
    void anExecdProcessReportsItsOutputAndExitCodeAndAClosedInputEndsItsStdin() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame exec = line.read();
            long id = Long.parseLong(exec.strings().get(0));
            line.write(Frame.of(FrameType.OPENED, exec.strings().get(0), "77"));
            ByteArrayOutputStream stdin = new ByteArrayOutputStream();
            while (true) {
                Frame f = line.read();
                if (f.type() == FrameType.INPUT && f.dataLength() == 0) {
                    line.write(Frame.data(FrameType.OUTPUT, id, 1, stdin.toByteArray()));
                    line.write(Frame.data(FrameType.OUTPUT, id, 2, "done\n".getBytes(StandardCharsets.US_ASCII)));
                    line.write(Frame.of(FrameType.EXIT, Long.toString(id), "3"));
                } else if (f.type() == FrameType.INPUT) {
                    stdin.writeBytes(f.data());
                }
            }
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession cat = line.exec(List.of("cat", "-"), false, TIMEOUT, endedSessions::add);
            cat.input().write("one\n".getBytes(StandardCharsets.US_ASCII));
            cat.input().close();

            assertThat(new String(cat.output().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("one\ndone\n");
            assertThat(cat.exitCode()).hasValue(3);
            assertThat(endedSessions).containsExactly(cat);
            assertThat(fake.received().stream().filter(f -> f.type() == FrameType.EXEC).findFirst().orElseThrow()
                    .strings()).containsExactly("1", "0", "2", "cat", "-");
            assertThatThrownBy(() -> cat.input().write('x')).hasMessageStartingWith("the console session has ended");
        }
    }

    @Test
    void anExecWithStderrApartGetsEachStreamInItsOwnOutputAndBothEndWithTheSession() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame exec = line.read();
            long id = Long.parseLong(exec.strings().get(0));
            line.write(Frame.of(FrameType.OPENED, exec.strings().get(0), "78"));
            line.write(Frame.data(FrameType.OUTPUT, id, 1, "out-1\n".getBytes(StandardCharsets.US_ASCII)));
            line.write(Frame.data(FrameType.OUTPUT, id, 2, "err-1\n".getBytes(StandardCharsets.US_ASCII)));
            line.write(Frame.data(FrameType.OUTPUT, id, 1, "out-2\n".getBytes(StandardCharsets.US_ASCII)));
            line.write(Frame.of(FrameType.EXIT, Long.toString(id), "5"));
            while (true) {
                line.read();
            }
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession ls = line.exec(List.of("ls", "/nope"), false, true, TIMEOUT, endedSessions::add);

            assertThat(new String(ls.output().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("out-1\nout-2\n");
            assertThat(new String(ls.errorOutput().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("err-1\n");
            assertThat(ls.exitCode()).hasValue(5);
        }
    }

    @Test
    void aRefusedExecSaysWhyAndLeavesNoSession() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame exec = line.read();
            line.write(Frame.of(FrameType.FAILED, exec.strings().get(0), "not-found",
                    "\"nope\": executable file not found in $PATH"));
            line.stall();
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {

            Throwable thrown = catchThrowable(() -> line.exec(List.of("nope"), true, TIMEOUT, endedSessions::add));

            assertThat(thrown).isInstanceOfSatisfying(SessionRefusedException.class,
                    e -> assertThat(e.reason()).isEqualTo("not-found"))
                    .hasMessage("\"nope\": executable file not found in $PATH");
            assertThat(endedSessions).as("only opened sessions are reported ended").isEmpty();
            assertThat(line.isOpen()).isTrue();
        }
    }

    @Test
    void theLeaseIsKeptWithPingsWhileNothingElseIsSent() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            while (true) {
                if (line.read().type() == FrameType.PING) {
                    pings.incrementAndGet();
                }
            }
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            Poll.until("two PINGs", WAIT, () -> pings.get() >= 2);
        }
    }

    @Test
    void anAgentWithoutAConsoleAnswerIsATimeoutAndALateOpenedIsDetached() throws Exception {
        FakeAgent.Conversation slow = line -> {
            line.handshake("console");
            Frame attach = line.read();
            line.read(); // waits for whatever comes next: the opener has given up by then, so a PING
            line.write(Frame.of(FrameType.OPENED, attach.strings().get(0), "42"));
            while (true) {
                line.read(); // recorded: the DETACH the host sends for the session nobody waits for
            }
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), slow); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {

            assertThatThrownBy(() -> line.attach(Duration.ofMillis(300), endedSessions::add))
                    .isInstanceOf(AgentTimeoutException.class)
                    .hasMessageStartingWith("the guest agent did not answer ATTACH within 300 ms");
            Poll.until("the late session to be detached", WAIT, () -> fake.received().stream()
                    .anyMatch(f -> f.type() == FrameType.DETACH && f.strings().equals(List.of("1"))));
        }
    }

    @Test
    void aGarbledOutputFrameEndsTheLineAndItsSessionsWithTheReason() throws Exception {
        byte[] garbled = FrameCodec.encode(Frame.data(FrameType.OUTPUT, 1, 1, "hi".getBytes(StandardCharsets.US_ASCII)));
        garbled[garbled.length - 1] ^= 0x5A;
        assertLineEndsOn(garbled, "garbled frame: checksum");
    }

    @Test
    void anOversizedOutputFrameEndsTheLineWithoutWaitingForItsPayload() throws Exception {
        byte[] header = {0x49, 0x53, 0x02, (byte) FrameType.OUTPUT, 0x00, 0x20, 0x00, 0x00};
        assertLineEndsOn(header, "oversized frame: 2097152 bytes (limit 1048576)");
    }

    @Test
    void anOutputFrameWithoutItsSessionAndStreamEndsTheLine() throws Exception {
        assertLineEndsOn(withChecksum(new byte[] {0x49, 0x53, 0x02, (byte) FrameType.OUTPUT, 0, 0, 0, 3, 'h', 'i', 0}),
                "garbled frame: a OUTPUT frame without its session and stream");
    }

    @Test
    void anExitWithoutACodeEndsTheLine() throws Exception {
        assertLineEndsOn(FrameCodec.encode(Frame.of(FrameType.EXIT, "1")), "malformed EXIT from the guest agent");
    }

    @Test
    void aRequestTypeFromTheAgentEndsTheLine() throws Exception {
        assertLineEndsOn(FrameCodec.encode(Frame.of(FrameType.START)), "the guest agent sent START on the console line");
    }

    @Test
    void theAgentClosingTheLineEndsTheSessionsAsTheVmStopping() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame attach = line.read();
            line.write(Frame.of(FrameType.OPENED, attach.strings().get(0), "42"));
            // returns: the fake closes the connection, as QEMU does when the VM powers off
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession session = line.attach(TIMEOUT, endedSessions::add);

            assertThat(session.output().read()).isEqualTo(-1);
            assertThat(session.endReason()).isEqualTo("the VM's console line closed (the VM has stopped)");
            assertThat(line.isOpen()).isFalse();
            assertThatThrownBy(() -> line.attach(TIMEOUT, endedSessions::add)).isInstanceOf(AgentException.class)
                    .hasMessageStartingWith("the VM's console line closed");
        }
    }

    @Test
    void aDetachedTheEngineDidNotAskForEndsTheSession() throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame exec = line.read();
            line.write(Frame.of(FrameType.OPENED, exec.strings().get(0), "42"));
            line.write(Frame.of(FrameType.DETACHED, exec.strings().get(0))); // as after its lease lapsed
            line.stall();
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession session = line.exec(List.of("sh"), true, TIMEOUT, endedSessions::add);

            assertThat(session.output().read()).isEqualTo(-1);
            assertThat(session.endReason()).isEqualTo(
                    "the guest agent ended the session: it heard nothing from this engine for 10 s");
            assertThat(endedSessions).containsExactly(session);
            assertThat(line.isOpen()).as("only that session ended").isTrue();
        }
    }

    @Test
    void aSocketThatLeadsToTheControlLineIsRefused() throws Exception {
        try (FakeAgent fake = FakeAgent.serve(socket(), line -> {
            line.handshake("control");
            line.stall();
        })) {
            assertThatThrownBy(() -> ConsoleLine.open(socket(), TIMEOUT)).isInstanceOf(AgentProtocolException.class)
                    .hasMessageEndingWith("leads to the agent's control line, not its console line");
        }
    }

    /** Opens a session, has the agent send {@code bytes}, and expects line and session to end naming {@code why}. */
    private void assertLineEndsOn(byte[] bytes, String why) throws Exception {
        FakeAgent.Conversation agent = line -> {
            line.handshake("console");
            Frame attach = line.read();
            line.write(Frame.of(FrameType.OPENED, attach.strings().get(0), "42"));
            line.writeRaw(bytes);
            line.stall();
        };
        try (FakeAgent fake = FakeAgent.serve(socket(), agent); ConsoleLine line = ConsoleLine.open(socket(), TIMEOUT)) {
            GuestSession session = line.attach(TIMEOUT, endedSessions::add);
            long start = System.nanoTime();

            assertThat(session.output().read()).isEqualTo(-1);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
            assertThat(session.endReason()).startsWith("the VM's console line failed: " + why);
            assertThat(line.isOpen()).isFalse();
            assertThat(endedSessions).containsExactly(session);
            assertThat(session.exitCode()).isEmpty();
        }
    }

    private static byte[] readAtLeast(InputStream in, int n) throws IOException {
        byte[] got = new byte[n];
        int at = 0;
        while (at < n) {
            int r = in.read(got, at, n - at);
            if (r < 0) {
                return Arrays.copyOf(got, at);
            }
            at += r;
        }
        return got;
    }

    private static byte[] withChecksum(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return ByteBuffer.allocate(frame.length + 4).put(frame).putInt((int) crc.getValue()).array();
    }
}
