package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The opening of every connection to a guest agent (PROTOCOL.md, "Handshake"): HELLO with a fresh nonce, repeated
 * until the agent's HELLO with the same nonce arrives from the expected line, skipping whatever the line held
 * before. A version-1 HELLO travels along as a probe, so that an agent of the earlier protocol answers and is named
 * as such instead of staying silent until the deadline. Stateless, thread-safe.
 */
final class Handshake {

    /** A HELLO sent while the guest still boots is lost, so the handshake repeats it until the agent answers. */
    private static final long HELLO_REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final SecureRandom NONCES = new SecureRandom();

    private Handshake() {
    }

    /**
     * Shakes hands over {@code channel} with the agent's {@code line} ({@code control} or {@code console}) by
     * {@code deadline}; returns the agent's version. Throws {@link AgentTimeoutException} when it stays silent,
     * {@link AgentVersionException} when it speaks another protocol version, {@link AgentProtocolException} when
     * the socket leads to another line.
     */
    static String perform(FrameChannel channel, Path socket, String line, long deadline, Duration timeout) {
        byte[] nonceBytes = new byte[16];
        NONCES.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        Frame hello = Frame.of(FrameType.HELLO, nonce, "isoscope-host");
        byte[] hellos = concat(FrameCodec.encode(hello), FrameCodec.encode(hello, FrameCodec.VERSION_1));
        RepeatingHello source = new RepeatingHello(channel, hellos);
        String context = " (HELLO on " + socket + ")";
        while (true) {
            Frame answer;
            try {
                answer = FrameCodec.decodeSkippingGarbage(source, deadline);
            } catch (AgentVersionException e) {
                throw new AgentVersionException(e.version(), e.getMessage() + ": the VM was started with the agent"
                        + " of another Isoscope version; restart the container to boot it with this one's" + context);
            } catch (AgentTimeoutException | AgentProtocolException e) {
                // Earlier connections and a booting guest may leave anything on the line: only the deadline ends this.
                if (System.nanoTime() - deadline < 0) {
                    continue;
                }
                throw new AgentTimeoutException("the guest agent did not answer within " + describe(timeout) + context, e);
            } catch (AgentException e) {
                throw new AgentException(e.getMessage() + context, e);
            } catch (IOException e) {
                throw new AgentException("talking to the guest agent failed: " + e.getMessage() + context, e);
            }
            if (answer.type() == FrameType.HELLO_REPLY && !answer.strings().isEmpty()
                    && answer.strings().get(0).equals(nonce)) {
                String version = Answers.agentVersion(answer);
                String answered = answer.strings().get(4);
                if (!answered.equals(line)) {
                    throw new AgentProtocolException("the socket " + socket + " leads to the agent's " + answered
                            + " line, not its " + line + " line");
                }
                return version;
            }
        }
    }

    /** A duration as a person reads it: {@code 5 s}, {@code 1.5 s}, {@code 500 ms}. */
    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms < 1000 ? ms + " ms" : ms / 1000.0 + " s";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The line during the handshake: while it waits for bytes it sends the HELLOs again every 250 ms. */
    private static final class RepeatingHello implements ByteSource {

        private final FrameChannel channel;
        private final byte[] hellos;
        private long nextHello = System.nanoTime();

        RepeatingHello(FrameChannel channel, byte[] hellos) {
            this.channel = channel;
            this.hellos = hellos;
        }

        @Override
        public int read(ByteBuffer dst, long deadlineNanos) throws IOException {
            while (true) {
                long now = System.nanoTime();
                if (now - nextHello >= 0) {
                    if (!channel.write(ByteBuffer.wrap(hellos), deadlineNanos)) {
                        return 0;
                    }
                    nextHello = now + HELLO_REPEAT_NANOS;
                }
                long until = nextHello - deadlineNanos < 0 ? nextHello : deadlineNanos;
                int n = channel.read(dst, until);
                if (n != 0 || System.nanoTime() - deadlineNanos >= 0) {
                    return n;
                }
            }
        }
    }
}
