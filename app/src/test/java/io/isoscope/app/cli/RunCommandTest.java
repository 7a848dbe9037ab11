package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {

    /** How long an attached run gets to reach each step. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() throws InterruptedException {
        background.shutdownNow();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void detachedRunPrintsTheFullIdOfTheRunningContainer() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-d", "busybox", "ping", "127.0.0.1");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches("[0-9a-f]{64}\n");
        ContainerInfo c = h.engine.inspect(r.out().trim());
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(c.command()).containsExactly("ping", "127.0.0.1");
        assertThat(c.isolation()).isEqualTo(Isolation.PROCESS);
    }

    @Test
    void optionsStopAtTheImageSoTheCommandKeepsItsOwnFlags() {
        CliHarness h = new CliHarness(new CliTestEngine().withHyperv(true));

        Result r = h.run("run", "-d", "--name", "web", "-e", "A=1", "--env=B=2", "--isolation", "hyperv",
                "busybox", "ping", "-c", "1", "--name", "x");

        assertThat(r.exit()).isZero();
        ContainerSpec spec = h.engine.specs().get(0);
        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.command()).containsExactly("ping", "-c", "1", "--name", "x");
        assertThat(spec.name()).isEqualTo("web");
        assertThat(spec.env()).containsExactly("A=1", "B=2");
        assertThat(spec.isolation()).isEqualTo(Isolation.HYPERV);
        assertThat(spec.autoRemove()).isFalse();
    }

    @Test
    void isolationAcceptsTheEqualsFormAndDoubleDashEndsOptions() {
        CliHarness h = new CliHarness(new CliTestEngine().withHyperv(true));

        assertThat(h.run("run", "-d", "--isolation=hyperv", "--", "busybox", "ping", "localhost").exit()).isZero();

        ContainerSpec spec = h.engine.specs().get(0);
        assertThat(spec.isolation()).isEqualTo(Isolation.HYPERV);
        assertThat(spec.image()).isEqualTo("busybox");
    }

    @Test
    void detachedRmLeavesTheRemovalToTheEngine() {
        CliHarness h = new CliHarness();

        assertThat(h.run("run", "-d", "--rm", "busybox", "true").exit()).isZero();

        assertThat(h.engine.specs().get(0).autoRemove()).isTrue();
    }

    @Test
    void unknownImageIsAnEngineErrorWithExitCode125() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-d", "nosuch", "sh");

        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such image: nosuch:latest\n");
    }

    @Test
    void emptyCommandIsLeftToTheEngineWhichRefusesItHere() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-d", "busybox");

        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: no command specified\n");
        assertThat(h.engine.list(true)).isEmpty();
    }

    @Test
    void unavailableIsolationIsAnEngineError() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-d", "--isolation=hyperv", "busybox", "ping", "localhost");

        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.err()).contains("hyperv isolation is not available");
    }

    @Test
    void missingCommandInTheImageExitsWith127() {
        CliHarness h = new CliHarness(new CliTestEngine() {
            @Override
            public synchronized ContainerInfo create(ContainerSpec spec) {
                throw new EngineException(EngineException.Kind.COMMAND_NOT_FOUND,
                        "exec: \"" + spec.command().get(0) + "\": executable file not found in $PATH");
            }
        });

        Result r = h.run("run", "busybox", "nosuchcmd");

        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.err()).isEqualTo(
                "isoscope: Error response from engine: exec: \"nosuchcmd\": executable file not found in $PATH\n");
    }

    @Test
    void missingImageIsAUsageErrorAndNeverOpensTheEngine() {
        CliHarness h = new CliHarness();

        Result r = h.run("run", "-d");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("isoscope: 'isoscope run' requires at least 1 argument.\nSee 'isoscope help'.\n");
        assertThat(h.opens()).isZero();
    }

    @Test
    void badIsolationAndBadEnvironmentAreUsageErrors() {
        CliHarness h = new CliHarness();

        Result isolation = h.run("run", "--isolation=vm", "busybox", "true");
        Result env = h.run("run", "-e", "NOEQUALS", "busybox", "true");

        assertThat(isolation.exit()).isEqualTo(2);
        assertThat(isolation.err()).startsWith("isoscope: invalid isolation \"vm\"").endsWith("See 'isoscope help'.\n");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err()).startsWith("isoscope: invalid environment variable: NOEQUALS");
        assertThat(h.engine.specs()).isEmpty();
    }

    @Test
    void limitsAreReadInDockersSpellings() {
        CliHarness h = new CliHarness();

        assertThat(h.run("run", "-d", "-m", "256m", "--cpus", "2", "--pids-limit", "100", "busybox", "true").exit()).isZero();
        assertThat(h.run("run", "-d", "--memory=1g", "--pids-limit=-1", "busybox", "true").exit()).isZero();
        assertThat(h.run("run", "-d", "-m", "6500k", "--pids-limit", "0", "busybox", "true").exit()).isZero();
        assertThat(h.run("run", "-d", "busybox", "true").exit()).isZero();

        List<ContainerSpec> specs = h.engine.specs();
        assertThat(specs.get(0)).extracting(ContainerSpec::memoryMiB, ContainerSpec::cpus, ContainerSpec::pidsLimit)
                .containsExactly(256, 2, 100);
        assertThat(specs.get(1)).extracting(ContainerSpec::memoryMiB, ContainerSpec::pidsLimit)
                .as("-1 is docker's unlimited").containsExactly(1024, ContainerSpec.NO_PIDS_LIMIT);
        assertThat(specs.get(2)).extracting(ContainerSpec::memoryMiB, ContainerSpec::pidsLimit)
                .as("sizes round up to whole MiB; 0 is docker's unlimited too").containsExactly(7, ContainerSpec.NO_PIDS_LIMIT);
        assertThat(specs.get(3)).extracting(ContainerSpec::memoryMiB, ContainerSpec::cpus, ContainerSpec::pidsLimit)
                .as("the defaults").containsExactly(0, 0, 0);
    }

    @Test
    void aLimitThatIsNotANumberIsAUsageError() {
        CliHarness h = new CliHarness();

        Result memory = h.run("run", "-m", "lots", "busybox", "true");
        Result cpus = h.run("run", "--cpus", "0.5", "busybox", "true");
        Result pids = h.run("run", "--pids-limit", "many", "busybox", "true");

        assertThat(memory.exit()).isEqualTo(2);
        assertThat(memory.err()).isEqualTo("isoscope: invalid argument \"lots\" for \"-m, --memory\" flag: use a number"
                + " with an optional unit k, m or g, e.g. 256m or 1g\nSee 'isoscope help'.\n");
        assertThat(cpus.err()).startsWith("isoscope: invalid argument \"0.5\" for \"--cpus\" flag: use a whole number of"
                + " CPUs, e.g. 1 or 2\n");
        assertThat(pids.err()).startsWith("isoscope: invalid argument \"many\" for \"--pids-limit\" flag: use a whole"
                + " number of processes, e.g. 100, or -1 for no limit\n");
        assertThat(h.engine.specs()).isEmpty();
    }

    @Test
    void attachedRunCopiesTheLogFromItsStartIncludingWhatCameJustBeforeTheExit() throws IOException {
        Path log = Files.writeString(tmp.resolve("log"), "early\n");
        CliTestEngine engine = new CliTestEngine() {
            @Override
            public synchronized ContainerInfo awaitExit(String container, Duration timeout) {
                // The workload's last words land after the follower's last read, then it exits.
                append(log, "last words\n");
                exit(container, 3);
                return super.awaitExit(container, timeout);
            }
        }.withLogFile(log);
        CliHarness h = new CliHarness(engine);

        Result r = h.run("run", "busybox", "sh", "-c", "exit 3");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("early\nlast words\n");
        assertThat(r.err()).isEmpty();
        assertThat(h.engine.list(true)).hasSize(1);
        assertThat(h.hooks.registered()).as("the Ctrl-C hook is gone once the run ended").isEmpty();
    }

    @Test
    void attachedRunStreamsOutputAsItAppearsAndExitsWithTheContainersCode() throws Exception {
        Path log = tmp.resolve("log");
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(log));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<Integer> exit = background.submit(() -> h.cli(Clock.systemUTC(), out, new ByteArrayOutputStream())
                .run(List.of("run", "busybox", "ping", "127.0.0.1")));

        Poll.until("the container to run", WAIT, () -> !h.engine.list(false).isEmpty());
        String id = h.engine.list(false).get(0).id();
        append(log, "PING 127.0.0.1\n");
        Poll.until("the first line to be copied", WAIT,
                () -> out.toString(StandardCharsets.UTF_8).equals("PING 127.0.0.1\n"));
        append(log, "64 bytes from 127.0.0.1\n");
        Poll.until("the second line to be copied", WAIT,
                () -> out.toString(StandardCharsets.UTF_8).endsWith("64 bytes from 127.0.0.1\n"));
        assertThat(exit).isNotDone();
        h.engine.exit(id, 3);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PING 127.0.0.1\n64 bytes from 127.0.0.1\n");
    }

    @Test
    void attachedRmRemovesTheContainerOnceItExited() throws Exception {
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(Files.writeString(tmp.resolve("log"), "")));
        Future<Integer> exit = background.submit(() -> h.run("run", "--rm", "busybox", "true").exit());

        Poll.until("the container to run", WAIT, () -> !h.engine.list(false).isEmpty());
        assertThat(h.engine.specs().get(0).autoRemove()).as("the CLI removes it, not the engine").isFalse();
        h.engine.exit(h.engine.list(false).get(0).id(), 0);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(h.engine.list(true)).isEmpty();
    }

    @Test
    void ctrlCWhileAttachedStopsAndWithRmRemovesTheContainer() throws Exception {
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(Files.writeString(tmp.resolve("log"), "")));
        Future<Result> run = background.submit(() -> h.run("run", "--rm", "busybox", "ping", "127.0.0.1"));
        Poll.until("the container to run, attached", WAIT,
                () -> !h.engine.list(false).isEmpty() && !h.hooks.registered().isEmpty());

        h.hooks.shutDown();

        Result r = run.get(10, TimeUnit.SECONDS);
        assertThat(r.exit()).isEqualTo(AttachedRun.INTERRUPTED);
        assertThat(r.err()).isEmpty();
        assertThat(h.engine.calls()).contains("stop ", "rm ");
        assertThat(h.engine.graces()).containsExactly(Duration.ofSeconds(2));
        assertThat(h.engine.list(true)).isEmpty();
    }

    @Test
    void ctrlCWithoutRmLeavesTheStoppedContainer() throws Exception {
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(Files.writeString(tmp.resolve("log"), "")));
        Future<Result> run = background.submit(() -> h.run("run", "busybox", "ping", "127.0.0.1"));
        Poll.until("the container to run, attached", WAIT,
                () -> !h.engine.list(false).isEmpty() && !h.hooks.registered().isEmpty());

        h.hooks.shutDown();

        assertThat(run.get(10, TimeUnit.SECONDS).exit()).isEqualTo(AttachedRun.INTERRUPTED);
        assertThat(h.engine.list(false)).isEmpty();
        assertThat(h.engine.list(true)).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ContainerState.EXITED));
    }

    @Test
    void aLogThatCannotBeReadStopsTheContainerRatherThanLeaveItUnattended() throws IOException {
        Path notAFile = Files.createDirectory(tmp.resolve("dir"));
        CliHarness h = new CliHarness(new CliTestEngine().withLogFile(notAFile));

        Result r = h.run("run", "busybox", "ping", "127.0.0.1");

        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.err()).startsWith("isoscope: cannot read the log of ");
        assertThat(h.engine.list(false)).isEmpty();
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
