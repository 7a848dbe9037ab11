package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.EngineWarning;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine had to repair on opening goes to standard error once per invocation, before the output. */
class CliWarningsTest {

    private static final EngineWarning DAMAGED = new EngineWarning(Instant.parse("2025-01-02T03:04:05Z"),
            "The engine database /s/isoscope.db was damaged (file is not a database). It was moved aside to "
                    + "/s/isoscope.db.corrupt-20250102T030405Z. 1 container restored.",
            "Not restored:\n  /s/containers/abc/container.json: unreadable (x)");

    @Test
    void eachWarningIsPrintedOnceToStandardErrorWithItsDetailIndented() {
        CliHarness h = new CliHarness();
        h.engine.withWarning(DAMAGED);
        h.engine.withWarning(new EngineWarning(Instant.EPOCH, "A second thing.", null));

        // info asks the engine twice: the warnings still come once.
        Result r = h.run("info");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("warning: The engine database /s/isoscope.db was damaged (file is not a "
                + "database). It was moved aside to /s/isoscope.db.corrupt-20250102T030405Z. 1 container restored.\n"
                + "  Not restored:\n"
                + "    /s/containers/abc/container.json: unreadable (x)\n"
                + "warning: A second thing.\n");
        assertThat(r.out()).startsWith("Containers: 0\n").doesNotContain("warning");
    }

    @Test
    void noWarningsNoNoise() {
        Result r = new CliHarness().run("ps");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void commandsThatDoNotOpenTheEngineShowNoWarning() {
        CliHarness h = new CliHarness();
        h.engine.withWarning(DAMAGED);

        Result r = h.run("help");

        assertThat(r.err()).isEmpty();
        assertThat(h.opens()).isZero();
    }
}
