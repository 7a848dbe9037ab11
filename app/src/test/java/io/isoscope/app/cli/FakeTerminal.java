package io.isoscope.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local terminal for CLI tests: keys the test types, a size it sets, raw mode counted. Thread-safe. */
final class FakeTerminal implements LocalTerminal {

    private final PipedInputStream keyboard = new PipedInputStream(1 << 16);
    private final PipedOutputStream keys;
    private final boolean terminal;
    private final AtomicInteger rawNow = new AtomicInteger();
    private final AtomicInteger rawEver = new AtomicInteger();
    private final CopyOnWriteArrayList<Runnable> resizeListeners = new CopyOnWriteArrayList<>();
    private volatile Size size = new Size(80, 24);

    FakeTerminal(boolean terminal) {
        this.terminal = terminal;
        try {
            keys = new PipedOutputStream(keyboard);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types {@code text} on the keyboard. */
    void type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.ISO_8859_1));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the keyboard's input (Ctrl-D on a pipe). */
    void endInput() {
        try {
            keys.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window, telling whoever listens. */
    void resizeTo(int columns, int rows) {
        size = new Size(columns, rows);
        resizeListeners.forEach(Runnable::run);
    }

    /** Whether raw mode is on now. */
    boolean isRaw() {
        return rawNow.get() > 0;
    }

    /** How often raw mode was switched on. */
    int rawCount() {
        return rawEver.get();
    }

    @Override
    public InputStream keyboard() {
        return keyboard;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public Restore raw() {
        rawNow.incrementAndGet();
        rawEver.incrementAndGet();
        return new Restore() {
            private boolean done;

            @Override
            public synchronized void close() {
                if (!done) {
                    done = true;
                    rawNow.decrementAndGet();
                }
            }
        };
    }

    @Override
    public Optional<Size> size() {
        return Optional.of(size);
    }

    @Override
    public Restore onResize(Runnable listener) {
        resizeListeners.add(listener);
        return () -> resizeListeners.remove(listener);
    }
}
