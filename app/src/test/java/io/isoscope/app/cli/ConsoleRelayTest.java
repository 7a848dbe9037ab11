package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's streams: a session's stderr kept apart goes to the CLI's stderr, all of it, before the relay returns. */
@Timeout(30)
class ConsoleRelayTest {

    /** A finished exec without a terminal: what it printed on each stream, and its exit code. */
    private record Finished(String stdout, String stderr, int code) implements ConsoleSession {
        @Override
        public InputStream output() {
            return new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public InputStream errorOutput() {
            return new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutputStream input() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void resize(int columns, int rows) {
        }

        @Override
        public OptionalInt exitCode() {
            return OptionalInt.of(code);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void withoutATerminalStderrGoesToTheErrorStreamAndStdoutToTheOutput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String lots = "e".repeat(100_000) + "\n";

        ConsoleRelay.Outcome outcome = new ConsoleRelay(new FakeTerminal(false), out, err)
                .relay(new Finished("listing\n", "oops\n" + lots, 2), false, false);

        assertThat(outcome.exitCode()).hasValue(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("listing\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n" + lots);
    }

    @Test
    void onATerminalNothingIsReadApart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        new ConsoleRelay(new FakeTerminal(false), out, err).relay(new Finished("/ # ", "not read", 0), false, true);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("/ # ");
        assertThat(err.size()).isZero();
    }
}
