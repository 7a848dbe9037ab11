package io.isoscope.engine.testing;

import io.isoscope.engine.api.ConsoleSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records what a {@link ConsoleSession} shows, read by a daemon thread of its own, so that tests can wait for text
 * to appear (after a mark, to ignore what was there before). Thread-safe.
 */
public final class ConsoleScreen {

    private final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private volatile boolean ended;
    private volatile IOException failure;

    private ConsoleScreen(ConsoleSession session) {
        reader = new Thread(() -> pump(session.output()), "console-screen");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts recording the session's output. */
    public static ConsoleScreen of(ConsoleSession session) {
        return new ConsoleScreen(session);
    }

    private void pump(InputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = out.read(buf)) >= 0; ) {
                synchronized (text) {
                    // Latin-1: one char per byte, so a chunk boundary never splits a character.
                    text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            ended = true;
        }
    }

    /** Everything shown so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** A position in the text: what {@link #awaitAfter} looks past. */
    public int mark() {
        synchronized (text) {
            return text.length();
        }
    }

    /** Waits until {@code needle} shows after {@code mark}; returns the text from the mark on. */
    public String awaitAfter(int mark, String needle, Duration timeout) {
        try {
            Poll.until("\"" + printable(needle) + "\" on the console", timeout, () -> text().indexOf(needle, mark) >= 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it shows:\n" + printable(tail(mark)), e);
        }
        return tail(mark);
    }

    /** Waits until the session's output has ended. */
    public void awaitEnd(Duration timeout) {
        try {
            Poll.until("the end of the console's output", timeout, () -> ended);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it shows:\n" + printable(tail(0)), e);
        }
    }

    /** Whether the output has ended. */
    public boolean ended() {
        return ended;
    }

    /** What ended the output abnormally, if anything. */
    public IOException failure() {
        return failure;
    }

    private String tail(int mark) {
        String all = text();
        return mark <= all.length() ? all.substring(mark) : "";
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n\n").replace("\u001b", "\\e");
    }
}
