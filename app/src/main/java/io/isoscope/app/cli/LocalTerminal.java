package io.isoscope.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The terminal the CLI runs in: its keyboard, raw mode and window size, for {@code run -it}, {@code attach} and
 * {@code exec -it}. Implementations are thread-safe.
 */
interface LocalTerminal {

    /** Window size in character cells. */
    record Size(int columns, int rows) {
    }

    /** What restores the terminal; closing twice does nothing more. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** What is typed (standard input). */
    InputStream keyboard();

    /** Whether standard input is a terminal (docker refuses {@code -it} otherwise). */
    boolean isTerminal();

    /** Puts the terminal in raw mode without echo, so every key (Ctrl-C too) reaches the container. */
    Restore raw() throws IOException;

    /** The window size, if it can be told. */
    Optional<Size> size();

    /** Calls {@code listener} whenever the window is resized, until the returned handle is closed. */
    Restore onResize(Runnable listener);
}
