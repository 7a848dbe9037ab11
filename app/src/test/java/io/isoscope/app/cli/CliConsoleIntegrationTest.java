package io.isoscope.app.cli;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run -it}, {@code attach} and {@code exec} against the real engine, runc and QEMU, each call with its own
 * engine.
 */
class CliConsoleIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** A VM boots first (QEMU with TCG on a loaded machine). */
    private static final Duration VM_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final FakeTerminal terminal = new FakeTerminal(true);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void cleanUp() throws InterruptedException {
        background.shutdownNow();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        for (ContainerInfo c : fixture.engine().list(true)) {
            fixture.engine().remove(c.id(), true);
        }
    }

    private Cli cli() {
        return new Cli(() -> Engines.open(EngineConfig.at(fixture.stateDir())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), new TestShutdownHooks(), terminal);
    }

    private String screen() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void runDashItIsAShellOnTheLocalTerminal() throws Exception {
        Future<Integer> run = background.submit(() -> cli().run(List.of("run", "-it", "--name", "cli-sh", "busybox", "sh")));

        Poll.until("the prompt", WAIT, () -> screen().contains("/ # "));
        terminal.type("echo hi\r");
        Poll.until("the shell's answer", WAIT, () -> screen().contains("\r\nhi\r\n"));
        assertThat(terminal.isRaw()).isTrue();
        terminal.type("exit 3\r");

        assertThat(run.get(20, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(terminal.isRaw()).isFalse();
        assertThat(fixture.engine().inspect("cli-sh").exitCode()).isEqualTo(3);
    }

    @Test
    void attachToADetachedTerminalContainerAndDetachAgain() throws Exception {
        int detached = cli().run(List.of("run", "-dit", "--name", "cli-bg", "busybox", "sh"));
        assertThat(detached).isZero();

        Future<Integer> attach = background.submit(() -> cli().run(List.of("attach", "cli-bg")));
        Poll.until("the prompt shown to the first console", WAIT, () -> screen().contains("/ # "));
        terminal.type("echo attached\r");
        Poll.until("the shell's answer", WAIT, () -> screen().contains("\r\nattached\r\n"));
        terminal.type("\u0010\u0011");

        assertThat(attach.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(fixture.engine().inspect("cli-bg").isRunning()).as("a detach leaves it running").isTrue();
    }

    @Test
    void runDashItIsAShellOnTheLocalTerminalInAVmToo() throws Exception {
        Future<Integer> run = background.submit(() -> cli().run(List.of("run", "-it", "--isolation=hyperv", "--name",
                "cli-vm-sh", "busybox", "sh")));

        // Nothing typed: the guest agent hands the first console the prompt the shell printed before it attached.
        Poll.until("the prompt", VM_WAIT, () -> screen().contains("/ # "));
        terminal.type("echo hi-$((2*3))\r");
        Poll.until("the shell's answer", WAIT, () -> screen().contains("\r\nhi-6\r\n"));
        assertThat(terminal.isRaw()).isTrue();
        terminal.type("exit 3\r");

        assertThat(run.get(30, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(terminal.isRaw()).isFalse();
        assertThat(fixture.engine().inspect("cli-vm-sh").exitCode()).isEqualTo(3);
    }

    @Test
    void attachToADetachedTerminalVmShowsItsPromptAndDetachesAgain() throws Exception {
        int detached = cli().run(List.of("run", "-dit", "--isolation=hyperv", "--name", "cli-vm-bg", "busybox", "sh"));
        assertThat(detached).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Future<Integer> attach = background.submit(() -> cli().run(List.of("attach", "cli-vm-bg")));
        Poll.until("the prompt shown to the first console", VM_WAIT, () -> screen().contains("/ # "));
        terminal.type("echo attached\r");
        Poll.until("the shell's answer", WAIT, () -> screen().contains("\r\nattached\r\n"));
        terminal.type("\u0010\u0011");

        assertThat(attach.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(fixture.engine().inspect("cli-vm-bg").isRunning()).as("a detach leaves it running").isTrue();
    }

    @Test
    void execWithoutATerminalPrintsStderrOnTheCliStderrInBothIsolations() {
        assertThat(cli().run(List.of("run", "-d", "--name", "cli-ping-p", "busybox", "ping", "127.0.0.1"))).isZero();
        assertThat(cli().run(List.of("run", "-d", "--isolation=hyperv", "--name", "cli-ping-vm", "busybox", "ping",
                "127.0.0.1"))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (String container : List.of("cli-ping-p", "cli-ping-vm")) {
            out.reset();
            err.reset();

            int code = cli().run(List.of("exec", container, "sh", "-c",
                    "echo to-out; echo to-err >&2; echo more-out; echo more-err >&2; exit 5"));

            assertThat(code).as(container).isEqualTo(5);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(container).isEqualTo("to-out\nmore-out\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).as(container).isEqualTo("to-err\nmore-err\n");
        }
    }

    @Test
    void execPrintsTheOutputAndExitsWithTheCodeOrDockersCodesForFailures() {
        assertThat(cli().run(List.of("run", "-d", "--name", "cli-ping", "busybox", "ping", "127.0.0.1"))).isZero();
        out.reset();

        int listed = cli().run(List.of("exec", "cli-ping", "ls", "/"));
        String listing = out.toString(StandardCharsets.UTF_8);
        int code = cli().run(List.of("exec", "cli-ping", "sh", "-c", "exit 42"));
        int missing = cli().run(List.of("exec", "cli-ping", "no-such-program"));

        assertThat(listed).isZero();
        assertThat(listing.lines()).contains("bin", "proc");
        assertThat(code).isEqualTo(42);
        assertThat(missing).isEqualTo(127);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("exec: \"no-such-program\": executable file not found in $PATH");
    }
}
