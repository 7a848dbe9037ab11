package io.isoscope.engine.testing;

import io.isoscope.engine.api.ConsoleSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake terminal for view tests: what is typed comes back as a terminal with echo shows it (Enter as CR LF,
 * Ctrl-C as ^C and a new line); sizes it was given are kept. Thread-safe.
 */
public final class EchoConsole implements ConsoleSession {

    private final PipedInputStream output;
    private final PipedOutputStream screen;
    private final List<int[]> sizes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** A new, open console. */
    public EchoConsole() {
        try {
            output = new PipedInputStream(1 << 16);
            screen = new PipedOutputStream(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        };
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
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        closed = true;
        try {
            screen.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
