package io.isoscope.app.cli;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against the real engine, runc and /proc: each call opens its own engine, as separate processes would. */
class CliIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    record Result(int status, String out, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(() -> Engines.open(EngineConfig.at(fixture.stateDir())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(List.of(args));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theReferenceScenarioProcessHalf() {
        Result run = cli("run", "-d", "--name", "cli-ping", "busybox", "ping", "127.0.0.1");
        assertThat(run.status()).as(run.err()).isZero();
        String id = run.out().trim();
        assertThat(id).matches("[0-9a-f]{64}");
        long hostPid = fixture.engine().inspect(id).hostPid();

        Result top = cli("top", "cli-ping");
        assertThat(top.out()).containsPattern("(?m)^1\\s+" + hostPid + "\\s+root\\s+\\S+\\s+ping 127.0.0.1$");

        Result hostPs = cli("host-ps", "--name", "ping");
        assertThat(hostPs.status()).isZero();
        assertThat(hostPs.out()).containsPattern("(?m)^\\s*" + hostPid + "\\s+ping\\b.*container\\s+" + id.substring(0, 12));

        Result compare = cli("compare", "cli-ping", "--name", "ping");
        assertThat(compare.out()).contains("ping (container PID 1) is host PID " + hostPid + ": the host kernel runs it");

        assertThat(cli("ps").out()).contains("cli-ping").contains("Up ");
        assertThat(cli("stop", "-t", "1", "cli-ping").status()).isZero();
        assertThat(cli("ps", "-a").out()).containsPattern("Exited \\(137\\) .* ago");
        assertThat(cli("rm", "cli-ping").status()).isZero();
        assertThat(cli("ps", "-aq").out()).isBlank();
    }

    @Test
    void logsWithTimestampsAndFollowPrintTheRealContainersLines() {
        Result run = cli("run", "-d", "--name", "cli-logs", "busybox", "sh", "-c", "echo one; echo two; printf three");
        assertThat(run.status()).as(run.err()).isZero();
        try {
            fixture.engine().awaitExit("cli-logs", Duration.ofSeconds(10));

            Result plain = cli("logs", "cli-logs");
            Result timed = cli("logs", "-t", "cli-logs");
            Result followed = cli("logs", "-f", "cli-logs");

            // "three" has no newline: a raw log ends with it unfinished, a timed one may close it as a partial record.
            assertThat(plain.out()).matches("one\ntwo\nthree\n?");
            assertThat(followed.out()).isEqualTo(plain.out());
            // A log with recorded times gets docker's prefix on every complete line; a raw log has none to give.
            String time = "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z )";
            assertThat(timed.status()).as(timed.err()).isZero();
            assertThat(timed.out()).matches(time + "?one\n" + time + "?two\n" + time + "?three\n?");
        } finally {
            cli("rm", "-f", "cli-logs");
        }
    }

    @Test
    void attachedRunStreamsOutputAndReturnsTheExitCode() {
        Result r = cli("run", "--rm", "busybox", "sh", "-c", "echo hello from inside; exit 7");
        assertThat(r.status()).isEqualTo(7);
        assertThat(r.out()).contains("hello from inside");
        assertThat(cli("ps", "-aq").out()).isBlank();
    }

    @Test
    void badInputIsAClearErrorWithDockersExitCodes() {
        Result unknown = cli("run", "-d", "nosuchimage", "ping", "127.0.0.1");
        assertThat(unknown.status()).isEqualTo(125);
        assertThat(unknown.err()).contains("No such image: nosuchimage:latest");

        Result missing = cli("run", "-d", "busybox", "nginx");
        assertThat(missing.status()).isEqualTo(127);
        assertThat(missing.err()).contains("exec: \"nginx\": executable file not found");

        Result empty = cli("run", "-d", "busybox");
        assertThat(empty.status()).isEqualTo(125);
        assertThat(empty.err()).contains("no command given");

        assertThat(cli("ps", "-aq").out()).isBlank();
    }

    @Test
    void aMissingRuntimeIsAClearErrorAndLeavesNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineConfig noRunc = new EngineConfig(fixture.stateDir(), Path.of("/nonexistent/runc"), Duration.ofSeconds(10));
        int status = new Cli(() -> Engines.open(noRunc), new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC())
                .run(List.of("run", "-d", "busybox", "ping", "127.0.0.1"));
        assertThat(status).isEqualTo(125);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("process isolation is not available here: the configured runc (/nonexistent/runc) does not exist");
        assertThat(cli("ps", "-aq").out()).isBlank();
    }

    @Test
    void hostPsSaysWhatGetProcessSaysWhenNothingMatches() {
        Result r = cli("host-ps", "--name", "no-such-process-xyz");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("Cannot find a process with the name \"no-such-process-xyz\". "
                + "Verify the process name and call the cmdlet again.");
    }
}
