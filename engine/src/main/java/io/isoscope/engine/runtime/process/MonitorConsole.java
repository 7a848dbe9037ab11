package io.isoscope.engine.runtime.process;

import io.isoscope.engine.api.ConsoleSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A console connected to a monitor's socket: the container's own terminal (attach) or an exec'd process (its
 * stderr merged into {@link #output()}, or apart in {@link #errorOutput()} when connected so). The monitor holds
 * the terminal; this session only relays, so closing it detaches. Each output stream is read by one thread,
 * {@link #input()} written by one thread; the rest is thread-safe.
 */
final class MonitorConsole implements ConsoleSession {

    private static final int OUT = 0;
    private static final int ERR = 1;
    /** Output of one stream kept for its reader while the other stream's reader pulls frames; more is dropped. */
    private static final long QUEUE_LIMIT = 8L << 20;

    private final MonitorFrames frames;
    private final long pid;
    private final boolean separate;
    private final InputStream output = new Output(OUT);
    private final InputStream errors = new Output(ERR);
    private final OutputStream input = new Input();
    private volatile OptionalInt exitCode = OptionalInt.empty();
    private volatile boolean closed;

    private final Object lock = new Object();
    /** Per stream (OUT, ERR): chunks one reader pulled for the other. */
    private final List<ArrayDeque<byte[]>> queued = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final long[] queuedBytes = new long[2];
    /** A reader is pulling frames from the socket (guarded by lock, as the fields below). */
    private boolean reading;
    private boolean ended;
    private IOException failure;

    private MonitorConsole(MonitorFrames frames, long pid, boolean separate) {
        this.frames = frames;
        this.pid = pid;
        this.separate = separate;
    }

    /**
     * Connects to the monitor at {@code socket} and waits (until {@code deadline}, a {@link System#nanoTime()})
     * for it to say the process runs; throws {@link Refused} with the monitor's words when it says it cannot.
     */
    static MonitorConsole connect(Path socket, long deadline) throws IOException {
        return connect(socket, deadline, false);
    }

    /** {@link #connect(Path, long)}; with {@code separateStderr}, the process's stderr is in {@link #errorOutput()}. */
    static MonitorConsole connect(Path socket, long deadline, boolean separateStderr) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            MonitorFrames frames = new MonitorFrames(channel);
            MonitorFrames.Frame hello = frames.read(deadline);
            if (hello == null || hello.type() != MonitorFrames.HELLO || !hello.text().startsWith(MonitorFrames.HELLO_PREFIX)) {
                throw new IOException("the process at " + socket + " does not speak the monitor's protocol");
            }
            MonitorFrames.Frame answer = frames.read(deadline);
            if (answer == null) {
                throw new IOException("the container's monitor closed the connection before the process started");
            }
            if (answer.type() == MonitorFrames.FAILED) {
                throw new Refused(answer.text());
            }
            if (answer.type() != MonitorFrames.STARTED) {
                throw new IOException("the container's monitor answered with an unexpected frame '" + (char) answer.type() + "'");
            }
            channel.configureBlocking(true);
            long pid = answer.payload().length == 0 ? 0 : Long.parseLong(answer.text().trim());
            return new MonitorConsole(frames, pid, separateStderr);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The monitor said it cannot start or attach; the message is its (or runc's) own. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The host PID of the process this console talks to (0 when the monitor did not say). */
    long pid() {
        return pid;
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public InputStream errorOutput() {
        return separate ? errors : InputStream.nullInputStream();
    }

    @Override
    public OutputStream input() {
        return input;
    }

    @Override
    public void resize(int columns, int rows) {
        int c = Math.max(1, Math.min(0xFFFF, columns));
        int r = Math.max(1, Math.min(0xFFFF, rows));
        send(MonitorFrames.RESIZE, ByteBuffer.allocate(4).putShort((short) c).putShort((short) r).array());
    }

    @Override
    public OptionalInt exitCode() {
        return exitCode;
    }

    @Override
    public void disown() {
        send(MonitorFrames.DISOWN, new byte[0]);
        close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            frames.channel().close();
        } catch (IOException ignored) {
            // closing a unix socket does not fail in a way worth reporting: the session is over either way
        }
    }

    private void send(byte type, byte[] payload) {
        if (closed) {
            return;
        }
        try {
            frames.write(type, payload);
        } catch (IOException e) {
            // The monitor has gone (the process ended): output() reports the end; nothing to tell the caller here.
        }
    }

    /**
     * The next chunk of stream {@code which} ({@link #OUT}, {@link #ERR}), or null at the session's end. Frames are
     * pulled by whichever reader needs more, one at a time (the others wait for it, not for the socket): it hands
     * what belongs to the other stream to that one's queue, so neither reader waits for the other to read.
     */
    private byte[] next(int which) throws IOException {
        synchronized (lock) {
            while (true) {
                byte[] chunk = queued.get(which).poll();
                if (chunk != null) {
                    queuedBytes[which] -= chunk.length;
                    return chunk;
                }
                if (ended) {
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    return null;
                }
                if (!reading) {
                    reading = true;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the console's output");
                }
            }
        }
        try {
            while (true) {
                MonitorFrames.Frame f = readFrame();
                if (f == null) {
                    finish(null);
                    return null;
                }
                switch (f.type()) {
                    case MonitorFrames.STDOUT, MonitorFrames.STDERR -> {
                        int to = separate && f.type() == MonitorFrames.STDERR ? ERR : OUT;
                        if (to == which) {
                            return f.payload();
                        }
                        queue(to, f.payload());
                    }
                    case MonitorFrames.EXIT -> {
                        exitCode = OptionalInt.of(Integer.parseInt(f.text().trim()));
                        close(); // the monitor waits for this end to close before it exits
                        finish(null);
                        return null;
                    }
                    case MonitorFrames.FAILED -> {
                        IOException failed = new IOException(f.text());
                        finish(failed);
                        throw failed;
                    }
                    default -> {
                        // frames this engine does not know are skipped: a newer monitor may send them
                    }
                }
            }
        } finally {
            synchronized (lock) {
                reading = false;
                lock.notifyAll();
            }
        }
    }

    /** The next frame from the monitor; null at the session's end (detached, or the monitor closed after EXIT). */
    private MonitorFrames.Frame readFrame() throws IOException {
        try {
            return frames.read();
        } catch (ClosedChannelException e) {
            return null; // detached
        } catch (IOException e) {
            // A monitor that ends resets a connection it still had unread input on; its frames were read.
            if (closed || exitCode.isPresent()) {
                return null;
            }
            finish(e);
            throw e;
        }
    }

    /** Output for the reader of the other stream; beyond a limit it is dropped rather than held without end. */
    private void queue(int which, byte[] chunk) {
        synchronized (lock) {
            if (queuedBytes[which] + chunk.length <= QUEUE_LIMIT) {
                queued.get(which).add(chunk);
                queuedBytes[which] += chunk.length;
                lock.notifyAll();
            }
        }
    }

    private void finish(IOException why) {
        synchronized (lock) {
            if (!ended) {
                ended = true;
                failure = why;
            }
            lock.notifyAll();
        }
    }

    /** One of the session's streams: what the terminal shows or the process's stdout, or its stderr kept apart. */
    private final class Output extends InputStream {
        private final int which;
        private byte[] current = new byte[0];
        private int pos;
        private boolean done;

        Output(int which) {
            this.which = which;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                byte[] chunk = done ? null : next(which);
                if (chunk == null) {
                    done = true;
                    return -1;
                }
                current = chunk;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current.length - pos;
        }
    }

    /** What is typed, as input frames; closing it sends end-of-file (a process without a terminal sees EOF). */
    private final class Input extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the console is closed");
            }
            if (len > 0) {
                try {
                    frames.write(MonitorFrames.INPUT, b, off, len);
                } catch (AsynchronousCloseException e) {
                    throw new InterruptedIOException("the console was closed");
                }
            }
        }

        @Override
        public void close() {
            send(MonitorFrames.EOF, new byte[0]);
        }
    }
}
