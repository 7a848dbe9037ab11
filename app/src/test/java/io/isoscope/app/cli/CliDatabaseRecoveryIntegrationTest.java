package io.isoscope.app.cli;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.Engines;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A CLI call that finds the real engine's database damaged says so on stderr, once, and lists the containers. */
@Tag("fault-injection")
class CliDatabaseRecoveryIntegrationTest {

    private final TestEngine fixture = TestEngine.open();

    @AfterEach
    void cleanUp() {
        // The fixture's own engine was closed to damage the file: a fresh one removes the containers.
        fixture.reopen();
        fixture.close();
    }

    record Result(int status, String out, String err) {
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(() -> Engines.open(EngineConfig.at(fixture.stateDir())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(List.of(args));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstCallAfterTheDamageWarnsAndTheNextOnesDoNot() throws IOException {
        fixture.engine().close();
        Result run = cli("run", "-d", "--name", "kept", "busybox", "sleep", "600");
        assertThat(run.status()).as(run.err()).isZero();
        Files.writeString(fixture.stateDir().resolve("isoscope.db"), "not a database ".repeat(500));

        Result first = cli("ps");
        Result second = cli("ps");

        assertThat(first.status()).isZero();
        assertThat(first.err()).startsWith("warning: The engine database " + fixture.stateDir().resolve("isoscope.db")
                        + " was damaged (file is not a database). It was moved aside to "
                        + fixture.stateDir().resolve("isoscope.db.corrupt-"))
                .contains("1 container restored.")
                .containsOnlyOnce("warning: ");
        assertThat(first.out()).contains("kept").contains("Up ");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("kept").contains("Up ");
    }
}
