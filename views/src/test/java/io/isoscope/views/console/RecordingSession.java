package io.isoscope.views.console;

import io.isoscope.engine.api.ConsoleSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** A session whose program output the test writes and whose typed input it reads back. Thread-safe. */
final class RecordingSession implements ConsoleSession {

    private final PipedInputStream output = new PipedInputStream(1 << 16);
    private final PipedOutputStream program;
    private final ByteArrayOutputStream typed = new ByteArrayOutputStream();
    private volatile Integer exitCode;

    RecordingSession() {
        try {
            program = new PipedOutputStream(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what the program prints. */
    void print(String text) throws IOException {
        program.write(text.getBytes(StandardCharsets.UTF_8));
        program.flush();
    }

    /** The program exits with {@code code}: its output ends. */
    void exit(int code) throws IOException {
        exitCode = code;
        program.close();
    }

    /** What was typed so far. */
    String typed() {
        synchronized (typed) {
            return typed.toString(StandardCharsets.UTF_8);
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
            public void write(int b) {
                synchronized (typed) {
                    typed.write(b);
                }
            }
        };
    }

    @Override
    public void resize(int columns, int rows) {
    }

    @Override
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    @Override
    public void close() {
        try {
            program.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
