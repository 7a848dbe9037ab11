package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private static final List<String> COMMANDS = List.of("run", "exec", "attach", "ps", "top", "host-ps", "compare", "logs",
            "stop", "kill", "rm", "inspect", "images", "info", "stats", "help");

    private final CliHarness h = new CliHarness();

    @Test
    void helpListsEveryCommandWithoutOpeningTheEngine() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"-h"}}) {
            Result r = h.run(args);

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage:  isoscope COMMAND");
            assertThat(r.out().lines().filter(l -> l.startsWith("  ")).map(l -> l.trim().split(" ")[0]))
                    .containsExactlyElementsOf(COMMANDS);
        }
        assertThat(h.opens()).isZero();
    }

    @Test
    void commandHelpShowsItsUsageAndFlags() {
        Result viaFlag = h.run("run", "--help");
        Result viaHelp = h.run("help", "run");

        assertThat(viaFlag.exit()).isZero();
        assertThat(viaFlag.out()).isEqualTo(viaHelp.out());
        assertThat(viaFlag.out()).contains("Usage:  isoscope run [OPTIONS] IMAGE [COMMAND] [ARG...]\n")
                .contains("  -d, --detach             Run container in background and print container ID\n")
                .contains("      --isolation string   Container isolation technology (process or hyperv)\n")
                .contains("  -e, --env list ");
        assertThat(h.opens()).isZero();
    }

    @Test
    void unknownCommandExits2() {
        Result r = h.run("foo");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("isoscope: 'foo' is not an isoscope command.\nSee 'isoscope help'.\n");
        assertThat(h.opens()).isZero();
    }

    @Test
    void badFlagsExit2WithOneLineAndAPointerToHelp() {
        Result unknownGlobal = h.run("--bogus");
        Result unknownFlag = h.run("ps", "--bogus");

        assertThat(unknownGlobal.exit()).isEqualTo(2);
        assertThat(unknownGlobal.err()).isEqualTo("isoscope: unknown flag: --bogus\nSee 'isoscope help'.\n");
        assertThat(unknownFlag.exit()).isEqualTo(2);
        assertThat(unknownFlag.err()).isEqualTo("isoscope: unknown flag: --bogus\nSee 'isoscope help'.\n");
    }

    @Test
    void theEngineIsOpenedOnceWhenNeededAndClosedAtTheEnd() {
        h.runDetached("busybox", "ping", "a");
        h.run("ps", "-a");

        assertThat(h.opens()).isEqualTo(2);
        assertThat(h.engine.closes()).isEqualTo(2);
    }

    @Test
    void theEngineIsClosedAfterAnEngineError() {
        h.run("top", "nosuch");

        assertThat(h.engine.closes()).isEqualTo(1);
    }

    @Test
    void anEngineThatCannotBeOpenedIsReportedWithTheCommandsErrorCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(() -> {
            throw new EngineException(EngineException.Kind.IO, "cannot open /var/lib/isoscope/state.db");
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), new TestShutdownHooks());

        assertThat(cli.run(List.of("ps"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("isoscope: Error response from engine: cannot open /var/lib/isoscope/state.db\n");
    }

    @Test
    void otherFailuresAreOneLineWithoutAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(() -> {
            throw new UnsupportedOperationException("engine core not written yet");
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());

        assertThat(cli.run(List.of("run", "-d", "busybox", "true"))).isEqualTo(125);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("isoscope: engine core not written yet\n");
    }

    @Test
    void imagesInDockersColumns() {
        Result r = h.run(Instant.parse("2025-06-01T00:00:00Z"), "images");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                REPOSITORY   TAG       IMAGE ID       CREATED        SIZE
                busybox      latest    000000000000   55 years ago   1MB
                """);
    }

    @Test
    void referencesSplitIntoRepositoryAndTagAtTheLastColonAfterTheLastSlash() {
        assertThat(ImagesCommand.splitReference("busybox:latest")).containsExactly("busybox", "latest");
        assertThat(ImagesCommand.splitReference("localhost:5000/app:1.2")).containsExactly("localhost:5000/app", "1.2");
        assertThat(ImagesCommand.splitReference("localhost:5000/app")).containsExactly("localhost:5000/app", "<none>");
    }

    @Test
    void infoShowsEachIsolationsReadinessWithReasonAndFix() {
        h.runDetached("busybox", "ping", "a");

        Result r = h.run("info");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                Containers: 1
                 Running: 1
                 Stopped: 0
                Images: 1
                Isolation:
                 process: available
                  Runtime: runc (fake)
                 hyperv: not available
                  Reason: VM isolation is not available in this build
                  Fix: wait for the VM runtime
                """);
    }

    @Test
    void theRealEngineCanBePluggedInThroughThePublicConstructor() {
        ContainerEngine engine = new CliTestEngine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(() -> engine, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());

        assertThat(cli.run(List.of("run", "-d", "busybox", "ping", "a"))).isZero();
        assertThat(engine.list(false)).singleElement()
                .satisfies(c -> assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(c.id() + "\n"));
    }
}
