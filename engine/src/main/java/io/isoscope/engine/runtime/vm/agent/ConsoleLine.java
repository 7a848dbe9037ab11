package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The engine's end of a VM's console line (QEMU's console.sock, the guest's ttyS3; PROTOCOL.md, "The console
 * line"): one connection carrying any number of {@link GuestSession}s, attached to the workload's terminal or
 * exec'd processes. A reader thread hands each session its output and exit code; a pinger keeps the host's lease
 * (the agent ends the sessions of a host silent for 10 s, so a crashed engine leaves no exec'd shell behind).
 * QEMU serves one connection at a time: whoever owns a line makes sure only one engine holds it. Thread-safe.
 */
public final class ConsoleLine implements AutoCloseable {

    /** How often the lease is renewed when nothing else was sent. */
    private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Unread output kept per session before more is dropped. */
    private static final long SESSION_BUFFER = 8L << 20;
    /** The largest INPUT frame sent: big writes are split so that no frame nears the payload limit. */
    private static final int INPUT_CHUNK = 32 << 10;
    /** The stream an OUTPUT frame names for the process's stderr (else stdout or the terminal). */
    private static final String STDERR = "2";

    private final Path socket;
    private final SocketChannel channel;
    private final Object writeLock = new Object();
    private final Map<Long, GuestSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextSession = new AtomicLong(1);
    private volatile long lastWrite = System.nanoTime();
    private volatile String ended;

    private ConsoleLine(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /**
     * Connects to the console line behind {@code socket} and shakes hands within {@code timeout}; the agent then
     * ends whatever sessions an earlier host left. Throws {@link AgentException} (a timeout, another protocol
     * version, a socket that leads elsewhere) and closes what it opened.
     */
    public static ConsoleLine open(Path socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FrameChannel frames;
        try {
            frames = FrameChannel.open(socket, deadline);
        } catch (IOException e) {
            throw new AgentException("cannot connect to the VM's console line at " + socket + ": " + e.getMessage(), e);
        }
        try {
            Handshake.perform(frames, socket, "console", deadline, timeout);
            ConsoleLine line = new ConsoleLine(socket, frames.toBlocking());
            line.startThreads();
            return line;
        } catch (IOException e) {
            closeQuietly(frames);
            throw new AgentException("cannot use the VM's console line at " + socket + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(frames);
            throw e;
        }
    }

    /** Whether the connection still stands (the VM runs and nothing broke it). */
    public boolean isOpen() {
        return ended == null;
    }

    /**
     * Attaches a new session to the workload's terminal; waits up to {@code timeout} for the agent. Throws
     * {@link SessionRefusedException} when the agent refuses (no terminal, not running), {@link AgentException}
     * when the line fails. {@code onEnd} runs once when the session ends (its close, its end, or the line's).
     */
    public GuestSession attach(Duration timeout, Consumer<GuestSession> onEnd) {
        long id = nextSession.getAndIncrement();
        return open(Frame.of(FrameType.ATTACH, Long.toString(id)), id, true, false, timeout, onEnd);
    }

    /**
     * Starts {@code command} in the guest, on a terminal when {@code tty}, in a new session; see
     * {@link #attach}. Its stderr is in the session's {@code errorOutput()} when {@code separateStderr}, else
     * merged into its output. A missing program is a {@link SessionRefusedException} with reason {@code not-found}.
     */
    public GuestSession exec(List<String> command, boolean tty, boolean separateStderr, Duration timeout,
                             Consumer<GuestSession> onEnd) {
        long id = nextSession.getAndIncrement();
        List<String> payload = new ArrayList<>(List.of(Long.toString(id), tty ? "1" : "0",
                Integer.toString(command.size())));
        payload.addAll(command);
        return open(new Frame(FrameType.EXEC, payload), id, false, separateStderr, timeout, onEnd);
    }

    /** {@link #exec(List, boolean, boolean, Duration, Consumer)} with stderr merged into the output. */
    public GuestSession exec(List<String> command, boolean tty, Duration timeout, Consumer<GuestSession> onEnd) {
        return exec(command, tty, false, timeout, onEnd);
    }

    /** Ends every session and the connection (the agent ends them on its side once its lease lapses). Idempotent. */
    @Override
    public void close() {
        end("the console line was closed");
    }

    private GuestSession open(Frame request, long id, boolean attach, boolean separateStderr, Duration timeout,
                              Consumer<GuestSession> onEnd) {
        String what = FrameType.name(request.type());
        String gone = ended;
        if (gone != null) {
            throw new AgentException(gone + " (" + socket + ")");
        }
        GuestSession session = new GuestSession(this, id, attach, new SessionOutput(SESSION_BUFFER),
                separateStderr ? new SessionOutput(SESSION_BUFFER) : null, onEnd);
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        boolean opened = false;
        // Registered first: the agent's OUTPUT may follow its OPENED before this thread runs again.
        sessions.put(id, session);
        pending.put(id, answer);
        try {
            send(request);
            Frame reply = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (reply.type() == FrameType.FAILED) {
                throw new SessionRefusedException(reason(reply), message(reply));
            }
            if (reply.type() == FrameType.ERROR) {
                throw new AgentException("the guest agent refused " + what + ": " + String.join(" ", reply.strings()));
            }
            session.opened(Answers.openedPid(reply));
            opened = true;
            return session;
        } catch (TimeoutException e) {
            throw new AgentTimeoutException("the guest agent did not answer " + what + " within "
                    + Handshake.describe(timeout) + " (" + socket + ")", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AgentException a ? a : new AgentException(e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while waiting for the guest agent's " + what, e);
        } catch (IOException e) {
            throw new AgentException("writing to the VM's console line failed: " + e.getMessage(), e);
        } finally {
            pending.remove(id);
            if (!opened) {
                sessions.remove(id);
                session.ended(null);
            }
        }
    }

    /** Sends what was typed into session {@code id}; no bytes ends its input. */
    void input(long id, byte[] bytes, int off, int len) throws IOException {
        checkOpen();
        if (len == 0) {
            send(Frame.data(FrameType.INPUT, id, 0, new byte[0]));
        }
        for (int at = off; at < off + len; at += INPUT_CHUNK) {
            int n = Math.min(INPUT_CHUNK, off + len - at);
            send(Frame.data(FrameType.INPUT, id, 0, java.util.Arrays.copyOfRange(bytes, at, at + n)));
        }
    }

    void resize(long id, int columns, int rows) throws IOException {
        checkOpen();
        send(Frame.of(FrameType.RESIZE, Long.toString(id), Integer.toString(columns), Integer.toString(rows)));
    }

    /** Detaches session {@code id} and waits up to {@code timeout} for the agent to confirm. */
    void detach(long id, Duration timeout) {
        GuestSession session = sessions.get(id);
        if (session == null || !isOpen()) {
            return;
        }
        try {
            session.detaching();
            send(Frame.of(FrameType.DETACH, Long.toString(id)));
            session.awaitDetached(timeout);
        } catch (IOException e) {
            // the line broke: the agent ends the session itself when its lease lapses
        } finally {
            sessions.remove(id);
        }
    }

    private void send(Frame frame) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(FrameCodec.encode(frame));
        synchronized (writeLock) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            lastWrite = System.nanoTime();
        }
    }

    private void checkOpen() throws IOException {
        String why = ended;
        if (why != null) {
            throw new IOException(why);
        }
    }

    private void startThreads() {
        String name = socket.getParent().getFileName().toString();
        Thread reader = new Thread(this::readLoop, "isoscope-console-" + name);
        reader.setDaemon(true);
        reader.start();
        Thread pinger = new Thread(this::pingLoop, "isoscope-console-ping-" + name);
        pinger.setDaemon(true);
        pinger.start();
    }

    private void readLoop() {
        ByteSource source = (dst, deadline) -> channel.read(dst);
        try {
            while (isOpen()) {
                dispatch(FrameCodec.decode(source, Long.MAX_VALUE));
            }
        } catch (AgentException e) {
            end(e.getMessage().equals("the guest agent closed the connection") ? "the VM's console line closed (the VM"
                    + " has stopped)" : "the VM's console line failed: " + e.getMessage());
        } catch (IOException e) {
            end("the VM's console line failed: " + e.getMessage());
        }
    }

    private void dispatch(Frame frame) throws IOException {
        switch (frame.type()) {
            case FrameType.OPENED, FrameType.FAILED -> {
                long id = Answers.session(frame);
                CompletableFuture<Frame> waiting = pending.get(id);
                if (waiting != null) {
                    waiting.complete(frame);
                } else if (frame.type() == FrameType.OPENED) {
                    send(Frame.of(FrameType.DETACH, Long.toString(id))); // its opener gave up waiting
                }
            }
            case FrameType.OUTPUT -> {
                GuestSession session = sessions.get(Answers.session(frame));
                if (session != null) {
                    session.output(frame.strings().get(1).equals(STDERR), frame.data());
                }
            }
            case FrameType.EXIT -> {
                int code = Answers.exitCode(frame); // read first: a malformed EXIT ends the line with its session
                GuestSession session = sessions.remove(Answers.session(frame));
                if (session != null) {
                    session.exited(code);
                }
            }
            case FrameType.DETACHED -> {
                long id = Answers.session(frame);
                GuestSession session = sessions.get(id);
                if (session != null && !session.detached()) {
                    // Not asked for: the agent ended it, taking this host for gone (it heard nothing for 10 s).
                    sessions.remove(id);
                    session.ended("the guest agent ended the session: it heard nothing from this engine for 10 s");
                }
            }
            // A malformed request names no session: it fails whichever open waits (requests come one at a time).
            case FrameType.ERROR -> pending.values().forEach(p -> p.complete(frame));
            case FrameType.HELLO_REPLY -> {
                // a late answer to a HELLO the handshake repeated
            }
            default -> throw new AgentProtocolException("the guest agent sent " + FrameType.name(frame.type())
                    + " on the console line");
        }
    }

    private void pingLoop() {
        while (isOpen()) {
            long idle = System.nanoTime() - lastWrite;
            if (idle >= PING_NANOS) {
                try {
                    send(Frame.of(FrameType.PING));
                } catch (IOException e) {
                    end("the VM's console line failed: " + e.getMessage());
                    return;
                }
                idle = 0;
            }
            LockSupport.parkNanos(PING_NANOS - idle);
        }
    }

    private void end(String why) {
        synchronized (this) {
            if (ended != null) {
                return;
            }
            ended = why;
        }
        closeQuietly(channel);
        AgentException failure = new AgentException(why + " (" + socket + ")");
        pending.values().forEach(p -> p.completeExceptionally(failure));
        List<GuestSession> left = new ArrayList<>(sessions.values());
        sessions.clear();
        left.forEach(s -> s.ended(why));
    }

    private static String reason(Frame failed) {
        return failed.strings().size() > 1 ? failed.strings().get(1) : "failed";
    }

    private static String message(Frame failed) {
        return failed.strings().size() > 2 ? failed.strings().get(2) : "the guest agent gave no reason";
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing waits on it any more
        }
    }
}
