package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One conversation with a VM container's guest agent over the serial line QEMU exposes as a unix socket
 * (resources/guest/PROTOCOL.md). Every call has a deadline and ends in an answer or an {@link AgentException}, never
 * a hang. After a timeout or a protocol error the connection is closed, as the protocol asks, and later calls fail.
 * Not thread-safe: use (and close) one client from one thread; open another for another conversation.
 */
public final class AgentClient implements AutoCloseable {

    /** How long a request waits for its answer unless the caller says otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** QEMU creates the socket as it starts: short retries keep that off the start latency. */
    private static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path socket;
    private final FrameChannel channel;
    private final Duration requestTimeout;
    private String agentVersion;
    private AgentException broken;

    private AgentClient(Path socket, FrameChannel channel, Duration requestTimeout) {
        this.socket = socket;
        this.channel = channel;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Connects to the agent behind {@code socket} and shakes hands with a default request timeout of 5 s; see
     * {@link #connect(Path, Duration, Duration)}.
     */
    public static AgentClient connect(Path socket, Duration timeout) {
        return connect(socket, timeout, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Connects to the agent behind {@code socket}, retrying until the socket appears, and returns once the agent
     * answered the handshake (so the guest is up), all within {@code timeout}; each later request waits up to
     * {@code requestTimeout}. Throws {@link AgentTimeoutException} when the socket or the agent stays silent.
     */
    public static AgentClient connect(Path socket, Duration timeout, Duration requestTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AgentClient client = new AgentClient(socket, openChannel(socket, deadline, timeout), requestTimeout);
        try {
            client.agentVersion = Handshake.perform(client.channel, socket, "control", deadline, timeout);
            return client;
        } catch (RuntimeException e) {
            client.broken = e instanceof AgentException a ? a : new AgentException(e.getMessage(), e);
            client.close();
            throw e;
        }
    }

    /** The version the agent gave in its handshake. */
    public String agentVersion() {
        return agentVersion;
    }

    /**
     * Starts the workload: {@code args} (the program first), {@code env} as KEY=VALUE, in {@code cwd}, on a terminal
     * when {@code tty}; the guest's clock is set to {@code now} first (the host's time, for the log's records).
     * Returns the workload's guest PID.
     */
    public int start(List<String> args, List<String> env, String cwd, boolean tty, Instant now) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("the workload needs at least a program to run");
        }
        List<String> payload = new ArrayList<>();
        payload.add(Long.toString(now.getEpochSecond()));
        payload.add(Integer.toString(now.getNano()));
        payload.add(tty ? "1" : "0");
        payload.add(cwd);
        payload.add(Integer.toString(args.size()));
        payload.addAll(args);
        payload.add(Integer.toString(env.size()));
        payload.addAll(env);
        return Answers.startedPid(call(new Frame(FrameType.START, payload), FrameType.STARTED));
    }

    /** The guest's processes. */
    public List<GuestProcess> processes() {
        return Answers.processes(call(Frame.of(FrameType.PS), FrameType.PROCESSES));
    }

    /** Sends {@code signal} to the guest process {@code pid}, or to the workload when {@code pid} is 0. */
    public void signal(long pid, int signal) {
        call(Frame.of(FrameType.SIGNAL, Long.toString(pid), Integer.toString(signal)), FrameType.OK);
    }

    /** The workload's state, PID and exit code. */
    public GuestStatus status() {
        return Answers.status(call(Frame.of(FrameType.STATUS), FrameType.STATUS_REPLY));
    }

    /** Asks the agent to sync and power the VM off; returns once it acknowledged (QEMU exits soon after). */
    public void powerOff() {
        call(Frame.of(FrameType.POWEROFF), FrameType.OK);
    }

    /** Closes the connection; the agent keeps running. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing is left to release and nothing waits on this connection, so a failed close changes nothing.
        }
    }

    private static FrameChannel openChannel(Path socket, long deadline, Duration timeout) {
        while (true) {
            IOException last;
            try {
                return FrameChannel.open(socket, deadline);
            } catch (IOException e) {
                last = e;
            }
            if (Thread.currentThread().isInterrupted()) {
                // Retrying would spin: an interrupted thread's channels close at once and its parks return at once.
                throw new AgentException("interrupted while connecting to the guest agent at " + socket, last);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AgentTimeoutException("the guest agent's socket " + socket + " accepted no connection within "
                        + describe(timeout) + " (last attempt: " + last.getMessage() + ")", last);
            }
            LockSupport.parkNanos(Math.min(left, CONNECT_RETRY_NANOS));
        }
    }

    /** Sends {@code request} and returns its answer of type {@code answerType}. */
    private Frame call(Frame request, int answerType) {
        if (broken != null) {
            throw new AgentException("the connection to the guest agent at " + socket
                    + " was closed after an earlier error: " + broken.getMessage(), broken);
        }
        String what = FrameType.name(request.type());
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        send(request, deadline, what);
        while (true) {
            Frame answer = receive(deadline, what);
            if (answer.type() == FrameType.HELLO_REPLY) {
                continue; // a late answer to a HELLO the handshake repeated
            }
            if (answer.type() == FrameType.ERROR) {
                throw new AgentException("the guest agent refused " + what + ": " + String.join(" ", answer.strings()));
            }
            if (answer.type() != answerType) {
                throw fail(new AgentProtocolException("the guest agent answered " + what + " with "
                        + FrameType.name(answer.type()) + " instead of " + FrameType.name(answerType)
                        + context(what)));
            }
            return answer;
        }
    }

    private void send(Frame request, long deadline, String what) {
        try {
            if (!channel.write(ByteBuffer.wrap(FrameCodec.encode(request)), deadline)) {
                throw fail(new AgentTimeoutException("the guest agent did not take " + what + " within "
                        + describe(requestTimeout) + context(what)));
            }
        } catch (IOException e) {
            throw fail(ioFailure(what, e));
        }
    }

    private Frame receive(long deadline, String what) {
        try {
            return FrameCodec.decode(channel, deadline);
        } catch (AgentTimeoutException e) {
            throw fail(new AgentTimeoutException(noAnswer(requestTimeout, what), e));
        } catch (AgentProtocolException e) {
            throw fail(new AgentProtocolException(e.getMessage() + context(what), e));
        } catch (AgentException e) {
            throw fail(new AgentException(e.getMessage() + context(what), e));
        } catch (IOException e) {
            throw fail(ioFailure(what, e));
        }
    }

    /** Records why the conversation ended and closes the line, whose position in the frame stream is now unknown. */
    private AgentException fail(AgentException e) {
        broken = e;
        close();
        return e;
    }

    private AgentException ioFailure(String what, IOException e) {
        return new AgentException("talking to the guest agent failed: " + e.getMessage() + context(what), e);
    }

    private String noAnswer(Duration timeout, String what) {
        return "the guest agent did not answer within " + describe(timeout) + context(what);
    }

    private String context(String what) {
        return " (" + what + " on " + socket + ")";
    }

    private static String describe(Duration d) {
        return Handshake.describe(d);
    }
}
