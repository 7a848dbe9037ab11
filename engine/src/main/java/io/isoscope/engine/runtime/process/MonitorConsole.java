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
import java.util.OptionalInt;

/**
 * A console connected to a monitor's socket: the container's own terminal (attach) or an exec'd process. The
 * monitor holds the terminal; this session only relays, so closing it detaches. {@link #output()} is read by one
 * thread, {@link #input()} written by one thread; the rest is thread-safe.
 */
final class MonitorConsole implements ConsoleSession {

    private final MonitorFrames frames;
    private final long pid;
    private final InputStream output = new Output();
    private final OutputStream input = new Input();
    private volatile OptionalInt exitCode = OptionalInt.empty();
    private volatile boolean closed;

    private MonitorConsole(MonitorFrames frames, long pid) {
        this.frames = frames;
        this.pid = pid;
    }

    /**
     * Connects to the monitor at {@code socket} and waits (until {@code deadline}, a {@link System#nanoTime()})
     * for it to say the process runs; throws {@link Refused} with the monitor's words when it says it cannot.
     */
    static MonitorConsole connect(Path socket, long deadline) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            MonitorFrames frames = new MonitorFrames(channel);
            MonitorFrames.Frame hello = frames.read(deadline);
            if (hello == null || hello.type() != MonitorFrames.HELLO || !hello.text().startsWith("isoscope-shim ")) {
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
            return new MonitorConsole(frames, pid);
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

    /** What the terminal shows: the payloads of output frames, until the exit frame. */
    private final class Output extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                if (ended || !next()) {
                    ended = true;
                    return -1;
                }
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

        /** Reads frames until one with output; false at the end of the session. */
        private boolean next() throws IOException {
            MonitorFrames.Frame f;
            try {
                f = frames.read();
            } catch (ClosedChannelException e) {
                return false; // detached
            } catch (IOException e) {
                if (closed) {
                    return false;
                }
                // A monitor that ends resets a connection it still had unread input on; its frames were read.
                if (exitCode.isPresent()) {
                    return false;
                }
                throw e;
            }
            if (f == null) {
                return false;
            }
            switch (f.type()) {
                case MonitorFrames.STDOUT, MonitorFrames.STDERR -> {
                    current = f.payload();
                    pos = 0;
                }
                case MonitorFrames.EXIT -> {
                    exitCode = OptionalInt.of(Integer.parseInt(f.text().trim()));
                    MonitorConsole.this.close(); // the monitor waits for this end to close before it exits
                    return false;
                }
                case MonitorFrames.FAILED -> throw new IOException(f.text());
                default -> {
                    // frames this engine does not know are skipped: a newer monitor may send them
                }
            }
            return true;
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
