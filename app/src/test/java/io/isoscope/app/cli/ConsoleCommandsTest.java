package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.testing.EchoConsole;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run -it}, {@code attach} and {@code exec}: their arguments, errors, exit codes and the terminal relay. */
class ConsoleCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() throws InterruptedException {
        background.shutdownNow();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A CLI invocation running on the background thread, whose output can be watched meanwhile. */
    private final class Running {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Future<Integer> exit;

        Running(CliHarness h, String... args) {
            Cli cli = h.cli(Clock.systemUTC(), out, err);
            exit = background.submit(() -> cli.run(List.of(args)));
        }

        String out() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        int exit() throws Exception {
            return exit.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void execItRelaysKeysAndScreenInRawModeAndExitsWithTheCommandsCode() throws Exception {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Running exec = new Running(h, "exec", "-it", c.name(), "sh");
        EchoConsole console = awaitConsole(h, 0);
        Poll.until("raw mode", WAIT, h.terminal::isRaw);
        h.terminal.type("echo hi\r");

        Poll.until("the echo on the screen", WAIT, () -> exec.out().contains("echo hi\r\n"));
        console.end(3);

        assertThat(exec.exit()).isEqualTo(3);
        assertThat(h.terminal.isRaw()).as("the terminal restored").isFalse();
        assertThat(h.engine.execs()).containsExactly(new CliTestEngine.Exec(c.name(), List.of("sh"), true));
    }

    @Test
    void aTerminalSessionFollowsTheWindowSize() throws Exception {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Running exec = new Running(h, "exec", "-it", c.id(), "sh");
        EchoConsole console = awaitConsole(h, 0);
        Poll.until("the initial size", WAIT, () -> !console.sizes().isEmpty());
        h.terminal.resizeTo(132, 43);
        Poll.until("the new size", WAIT, () -> console.sizes().size() >= 2);
        console.end(0);

        assertThat(exec.exit()).isZero();
        assertThat(console.sizes()).extracting(s -> s[0] + "x" + s[1]).containsExactly("80x24", "132x43");
    }

    @Test
    void execWithoutDashISendsEndOfFileAndWithoutDashTLeavesTheTerminalAlone() throws Exception {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Running exec = new Running(h, "exec", c.id(), "cat");
        EchoConsole console = awaitConsole(h, 0);
        Poll.until("end-of-file sent", WAIT, console::isInputClosed);
        console.print("listing\n");
        console.end(0);

        assertThat(exec.exit()).isZero();
        assertThat(exec.out()).isEqualTo("listing\n");
        assertThat(h.terminal.rawCount()).isZero();
        assertThat(console.sizes()).as("no terminal, no size").isEmpty();
    }

    @Test
    void execDashIWithoutATerminalRelaysStdinUntilItEnds() throws Exception {
        CliHarness h = new CliHarness(new CliTestEngine(), new FakeTerminal(false));
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Running exec = new Running(h, "exec", "-i", c.id(), "cat");
        EchoConsole console = awaitConsole(h, 0);
        h.terminal.type("piped\n");
        h.terminal.endInput();
        Poll.until("end-of-file passed on", WAIT, console::isInputClosed);
        console.end(0);

        assertThat(exec.exit()).isZero();
        assertThat(exec.out()).as("the fake echoes what reached it").isEqualTo("piped\n");
    }

    @Test
    void execDetachedLeavesTheProcessRunningWithoutItsConsole() {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Result r = h.run("exec", "-d", c.id(), "sleep", "100");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(h.engine.consoles()).singleElement().satisfies(console -> assertThat(console.isDisowned()).isTrue());
    }

    @Test
    void execsThatCannotRunExitAsDockersDo() {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Result missing = h.run("exec", c.id(), "no-such-program");
        Result notExecutable = h.run("exec", c.id(), "/etc");
        Result unknown = h.run("exec", "nosuchcontainer", "sh");
        h.engine.exit(c.id(), 0);
        Result stopped = h.run("exec", c.id(), "sh");

        assertThat(missing.exit()).isEqualTo(127);
        assertThat(missing.err()).contains("exec: \"no-such-program\": executable file not found in $PATH");
        assertThat(notExecutable.exit()).isEqualTo(126);
        assertThat(notExecutable.err()).contains("permission denied");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("nosuchcontainer");
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).contains("is not running");
    }

    @Test
    void execNeedsAContainerAndACommandAndKeepsTheCommandsOwnFlags() {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Result none = h.run("exec", c.id());
        Result unknownFlag = h.run("exec", "-x", c.id(), "sh");
        Result detached = h.run("exec", "-dt", c.id(), "ls", "-l", "-t");

        assertThat(none.exit()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(none.err()).contains("'isoscope exec' requires at least 2 arguments.");
        assertThat(unknownFlag.exit()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(unknownFlag.err()).contains("unknown shorthand flag: 'x' in -x");
        assertThat(detached.exit()).isZero();
        assertThat(h.engine.execs()).containsExactly(new CliTestEngine.Exec(c.id(), List.of("ls", "-l", "-t"), true));
    }

    @Test
    void dashItNeedsATerminal() {
        CliHarness h = new CliHarness(new CliTestEngine(), new FakeTerminal(false));
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Result exec = h.run("exec", "-it", c.id(), "sh");
        Result run = h.run("run", "-it", "busybox", "sh");

        assertThat(exec.exit()).isEqualTo(1);
        assertThat(exec.err()).contains("the input device is not a TTY");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("the input device is not a TTY");
        assertThat(h.engine.execs()).isEmpty();
        assertThat(h.engine.specs()).hasSize(1);
    }

    @Test
    void runDashItAttachesTheTerminalAndExitsWithTheContainersCode() throws Exception {
        CliHarness h = new CliHarness();

        Running run = new Running(h, "run", "-it", "--name", "shell", "busybox", "sh");
        EchoConsole console = awaitConsole(h, 0);
        h.terminal.type("exit 5\r");
        Poll.until("the echo", WAIT, () -> run.out().contains("exit 5\r\n"));
        h.engine.exit("shell", 5);
        console.end(5);

        assertThat(run.exit()).isEqualTo(5);
        ContainerSpec spec = h.engine.specs().get(0);
        assertThat(spec.tty()).isTrue();
        assertThat(spec.command()).containsExactly("sh");
        assertThat(h.terminal.rawCount()).isEqualTo(1);
        assertThat(h.terminal.isRaw()).isFalse();
    }

    @Test
    void runDashDitStartsATerminalContainerAndPrintsItsId() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-dit", "busybox", "sh");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("[0-9a-f]{64}\n");
        assertThat(h.engine.inspect(r.out().trim()).tty()).isTrue();
        assertThat(h.engine.consoles()).as("nothing attached").isEmpty();
        assertThat(h.terminal.rawCount()).isZero();
    }

    @Test
    void runDashIWithoutDashTIsAUsageError() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-i", "busybox", "sh");

        assertThat(r.exit()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(r.err()).contains("-i needs -t").contains("-it");
        assertThat(h.engine.specs()).isEmpty();
    }

    @Test
    void ctrlPCtrlQDetachesAndTheContainerRunsOn() throws Exception {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.engine.run(ContainerSpec.of("busybox", io.isoscope.engine.api.Isolation.PROCESS, "sh").withTty(true));

        Running attach = new Running(h, "attach", c.id());
        EchoConsole console = awaitConsole(h, 0);
        h.terminal.type("a\u0010b");
        Poll.until("Ctrl-P followed by another key passes both", WAIT, () -> attach.out().contains("a\u0010b"));
        h.terminal.type("\u0010\u0011");

        assertThat(attach.exit()).isZero();
        assertThat(console.isClosed()).isTrue();
        assertThat(h.engine.inspect(c.id()).state()).isEqualTo(ContainerState.RUNNING);
        assertThat(h.terminal.isRaw()).isFalse();
    }

    @Test
    void attachEndsWithTheContainersExitCode() throws Exception {
        CliHarness h = new CliHarness();
        ContainerInfo c = h.engine.run(ContainerSpec.of("busybox", io.isoscope.engine.api.Isolation.PROCESS, "sh").withTty(true));

        Running attach = new Running(h, "attach", c.name());
        EchoConsole console = awaitConsole(h, 0);
        console.print("bye\r\n");
        h.engine.exit(c.id(), 9);
        console.end(9);

        assertThat(attach.exit()).isEqualTo(9);
        assertThat(attach.out()).isEqualTo("bye\r\n");
    }

    @Test
    void attachNeedsOneRunningTerminalContainer() {
        CliHarness h = new CliHarness();
        ContainerInfo plain = h.runDetached("busybox", "ping", "127.0.0.1");

        Result none = h.run("attach");
        Result noTerminal = h.run("attach", plain.id());
        Result unknown = h.run("attach", "nosuchcontainer");

        assertThat(none.exit()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(none.err()).contains("'isoscope attach' requires exactly 1 argument.");
        assertThat(noTerminal.exit()).isEqualTo(1);
        assertThat(noTerminal.err()).contains("Error response from engine").contains("terminal");
        assertThat(unknown.exit()).isEqualTo(1);
    }

    @Test
    void helpListsTheNewCommandsAndTheirFlags() {
        CliHarness h = new CliHarness();

        assertThat(h.run("help").out()).contains("attach").contains("exec");
        assertThat(h.run("exec", "--help").out()).contains("-i, --interactive").contains("-t, --tty").contains("-d, --detach");
        assertThat(h.run("run", "--help").out()).contains("-i, --interactive").contains("-t, --tty");
        assertThat(h.run("attach", "--help").out()).contains("--no-stdin");
    }

    private static EchoConsole awaitConsole(CliHarness h, int index) {
        return Poll.untilPresent("console " + index, WAIT, () -> h.engine.consoles().size() > index
                ? java.util.Optional.of(h.engine.consoles().get(index)) : java.util.Optional.empty());
    }
}
