package io.isoscope.engine.testing;

import io.isoscope.engine.api.ConsoleSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake terminal for view tests: what is typed comes back as a terminal with echo shows it (Enter as CR LF,
 * Ctrl-C as ^C and a new line); sizes it was given are kept. Thread-safe.
 */
public final class EchoConsole implements ConsoleSession {

    private final ScreenPipe screen = new ScreenPipe();
    private final InputStream output = screen.reader();
    private final List<int[]> sizes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean disowned;
    private volatile boolean inputClosed;
    private volatile OptionalInt exitCode = OptionalInt.empty();

    /** A new, open console. */
    public EchoConsole() {
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (closed) {
                    throw new IOException("the console is closed");
                }
                synchronized (screen) {
                    switch (b) {
                        case '\r' -> screen.write("\r\n".getBytes());
                        case 3 -> screen.write("^C\r\n".getBytes());
                        default -> screen.write(b);
                    }
                    screen.flush();
                }
            }

            @Override
            public void close() {
                inputClosed = true;
            }
        };
    }

    /** Ends the session as the program's exit would: the exit code is known, then the output ends. */
    public void end(int code) {
        exitCode = OptionalInt.of(code);
        screen.close();
    }

    /** Whether end-of-file was sent (the input stream was closed). */
    public boolean isInputClosed() {
        return inputClosed;
    }

    /** Whether the session was disowned (docker exec -d) rather than just closed. */
    public boolean isDisowned() {
        return disowned;
    }

    @Override
    public void disown() {
        disowned = true;
        close();
    }

    /** Writes {@code text} to the screen as the program in the terminal would. */
    public void print(String text) throws IOException {
        synchronized (screen) {
            screen.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            screen.flush();
        }
    }

    @Override
    public void resize(int columns, int rows) {
        sizes.add(new int[] {columns, rows});
    }

    /** The sizes given so far, {columns, rows} each. */
    public List<int[]> sizes() {
        return List.copyOf(sizes);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public OptionalInt exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        closed = true;
        screen.close();
    }

    /**
     * What the screen shows, from any writer thread to the reader (java.io's piped streams fail a reader whose
     * last writer thread has ended, which a keyboard thread of the code under test does). Thread-safe.
     */
    private static final class ScreenPipe extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean closed;

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            notifyAll();
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        InputStream reader() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    synchronized (ScreenPipe.this) {
                        while (pending.size() == 0 && !closed) {
                            try {
                                ScreenPipe.this.wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new java.io.InterruptedIOException();
                            }
                        }
                        if (pending.size() == 0) {
                            return -1;
                        }
                        byte[] all = pending.toByteArray();
                        int n = Math.min(len, all.length);
                        System.arraycopy(all, 0, b, off, n);
                        pending.reset();
                        pending.write(all, n, all.length - n);
                        return n;
                    }
                }

                @Override
                public int available() {
                    synchronized (ScreenPipe.this) {
                        return pending.size();
                    }
                }
            };
        }
    }
}
