package io.isoscope.engine.runtime.vm;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.testing.Poll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Everything a console session printed, read on a thread of its own so that a test can wait for text with a
 * deadline; and typing into it. Thread-safe.
 */
final class Transcript {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConsoleSession session;
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private volatile boolean ended;

    private Transcript(ConsoleSession session) {
        this.session = session;
        this.reader = new Thread(this::read, "transcript");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading {@code session}'s output. */
    static Transcript of(ConsoleSession session) {
        return new Transcript(session);
    }

    /** Types {@code keys} as a terminal sends them. */
    Transcript type(String keys) throws IOException {
        session.input().write(keys.getBytes(StandardCharsets.UTF_8));
        session.input().flush();
        return this;
    }

    /** Waits until the output since {@code from} contains {@code expected}; returns the offset after it. */
    int await(String expected, int from) {
        return Poll.untilPresent("\"" + expected + "\" on the console; it shows: " + tail(), WAIT, () -> {
            synchronized (text) {
                int at = text.indexOf(expected, from);
                return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(at + expected.length());
            }
        });
    }

    /** Waits until the session's output has ended. */
    void awaitEnd() {
        Poll.until("the session's output to end; it shows: " + tail(), WAIT, () -> ended);
    }

    /** What was printed so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** How much was printed so far. */
    int length() {
        synchronized (text) {
            return text.length();
        }
    }

    private String tail() {
        String all = text();
        return "\"" + all.substring(Math.max(0, all.length() - 300)).replace("\r", "\\r").replace("\n", "\\n")
                .replace("\u001b", "\\e") + "\"";
    }

    private void read() {
        byte[] buffer = new byte[4096];
        InputStream in = session.output();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (text) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            synchronized (text) {
                text.append("\n[read failed: ").append(e.getMessage()).append("]");
            }
        } finally {
            ended = true;
        }
    }
}
