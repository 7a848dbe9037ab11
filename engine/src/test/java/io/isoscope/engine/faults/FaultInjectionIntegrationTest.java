package io.isoscope.engine.faults;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the engine (a separate JVM, with SIGKILL) at every checkpoint of create / start / stop / remove, for
 * both isolations, then opens a new engine on the same state and checks that recovery held: the container is
 * either there in the state that step implies and fully usable (its processes listed, start/stop/remove work),
 * or cleanly gone with an event saying why; nothing is left in the journal; after removal no mount, runc
 * state, QEMU, socket or file is left.
 */
@Tag("fault-injection")
class FaultInjectionIntegrationTest {

    /** What recovery must make of a container whose engine died at a checkpoint. */
    enum Outcome { GONE, CREATED, RUNNING, EXITED_137, EXITED_143 }

    private Path state;
    private Process child;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Isolation i : Isolation.values()) {
            boolean vm = i == Isolation.HYPERV;
            out.add(Arguments.of(i, "create.journalled", Outcome.GONE));
            out.add(Arguments.of(i, "create.prepared", Outcome.GONE));
            out.add(Arguments.of(i, "create.recorded", Outcome.CREATED));
            out.add(Arguments.of(i, "start.journalled", Outcome.CREATED));
            // runc's monitor carries a spawned start through on its own; a VM whose guest never got the
            // workload is undone (killed) and can be started again.
            out.add(Arguments.of(i, "start.spawned", vm ? Outcome.CREATED : Outcome.RUNNING));
            out.add(Arguments.of(i, "start.running", Outcome.RUNNING));
            out.add(Arguments.of(i, "start.recorded", Outcome.RUNNING));
            out.add(Arguments.of(i, "stop.journalled", Outcome.RUNNING));
            // busybox ping as a container's PID 1 ignores SIGTERM (no handler); in the VM the agent is PID 1.
            out.add(Arguments.of(i, "stop.signalled", vm ? Outcome.EXITED_143 : Outcome.RUNNING));
            out.add(Arguments.of(i, "stop.exited", vm ? Outcome.EXITED_143 : Outcome.EXITED_137));
            out.add(Arguments.of(i, "remove.journalled", Outcome.GONE));
            out.add(Arguments.of(i, "remove.destroyed", Outcome.GONE));
            out.add(Arguments.of(i, "remove.deleted", Outcome.GONE));
        }
        return out.stream();
    }

    @BeforeEach
    void setUp() throws IOException {
        state = Files.createTempDirectory("isoscope-fault-");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        try (ContainerEngine engine = open()) {
            for (ContainerInfo c : engine.list(true)) {
                engine.remove(c.id(), true);
            }
        }
        try (Stream<Path> walk = Files.walk(state)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0} engine killed at {1} -> {2}")
    @MethodSource("cases")
    void recoveryHoldsAfterTheEngineIsKilled(Isolation isolation, String checkpoint, Outcome expected) throws Exception {
        try (ContainerEngine probe = open()) {
            Assumptions.assumeTrue(probe.readiness().stream().anyMatch(r -> r.isolation() == isolation && r.available()),
                    isolation + " isolation is not available here");
        }
        killChildAt(isolation, checkpoint);

        try (ContainerEngine engine = open()) {
            assertThat(Leftovers.entries(state.resolve("ops")).stream().filter(n -> n.endsWith(".pending")))
                    .as("recovery emptied the journal").isEmpty();
            List<ContainerInfo> all = engine.list(true);
            if (expected == Outcome.GONE) {
                assertThat(all).as("an uncommitted create / an interrupted remove leaves no record").isEmpty();
                assertThat(Leftovers.entries(state.resolve("containers"))).as("nor a container directory").isEmpty();
                List<EngineEvent> events = Poll.untilPresent("the REMOVED event", Duration.ofSeconds(5), () ->
                        engine.events(null).stream().filter(e -> e.type() == EngineEvent.Type.REMOVED)
                                .findFirst().map(List::of));
                assertThat(events.get(0).name()).isEqualTo(FaultChild.NAME);
                assertThat(events.get(0).detail()).as("the event says why").contains("interrupted");
            } else {
                assertThat(all).hasSize(1);
                ContainerInfo c = settle(engine, all.get(0).id(), expected);
                assertUsable(engine, c, isolation);
            }
        }
        assertNothingLeft();
    }

    /** The state the step implies; an ending that was under way (a VM powering off) is given a moment. */
    private static ContainerInfo settle(ContainerEngine engine, String id, Outcome expected) {
        ContainerState want = switch (expected) {
            case CREATED -> ContainerState.CREATED;
            case RUNNING -> ContainerState.RUNNING;
            default -> ContainerState.EXITED;
        };
        Poll.until("state " + want, Duration.ofSeconds(20), () -> engine.inspect(id).state() == want);
        ContainerInfo c = engine.inspect(id);
        if (expected == Outcome.EXITED_137) {
            assertThat(c.exitCode()).isEqualTo(137);
        } else if (expected == Outcome.EXITED_143) {
            assertThat(c.exitCode()).isEqualTo(143);
        }
        return c;
    }

    /** Running: its processes are there and it stops; otherwise it starts and then stops; then it is removed. */
    private static void assertUsable(ContainerEngine engine, ContainerInfo c, Isolation isolation) {
        if (!c.isRunning()) {
            c = engine.start(c.id());
        }
        String id = c.id();
        Poll.until("ping listed inside " + c.name(), Duration.ofSeconds(20),
                () -> engine.processes(id).stream().anyMatch(p -> p.name().equals("ping")));
        Poll.until("its log reachable and growing", Duration.ofSeconds(20),
                () -> engine.logs(id).contains("PING 127.0.0.1"));
        long hostPid = c.hostPid();
        ProcessRole role = isolation == Isolation.HYPERV ? ProcessRole.VM_WORKER : ProcessRole.CONTAINER;
        assertThat(engine.hostProcesses()).as("the host table knows it again")
                .anyMatch(p -> p.pid() == hostPid && p.role() == role && id.equals(p.containerId()));
        ContainerInfo stopped = engine.stop(id, Duration.ofSeconds(1));
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        engine.remove(id, false);
        assertThat(engine.list(true)).isEmpty();
    }

    private void assertNothingLeft() throws IOException {
        assertThat(Leftovers.entries(state.resolve("containers"))).as("container directories").isEmpty();
        assertThat(Leftovers.entries(state.resolve("run"))).as("socket directories").isEmpty();
        assertThat(Leftovers.mounts(state)).as("mounts").isEmpty();
        assertThat(Leftovers.processesNaming(state.toString())).as("processes using the state dir").isEmpty();
    }

    /** Runs the child engine until it reports the checkpoint, then SIGKILLs it. */
    private void killChildAt(Isolation isolation, String checkpoint) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FaultChild.class.getName(),
                state.toString(), isolation.dockerName(), checkpoint).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.equals(FaultChild.REACHED + checkpoint)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean ok = reached.get(90, TimeUnit.SECONDS);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ok).as("the child reached %s; its output:%n%s", checkpoint, output).isTrue();
    }

    private ContainerEngine open() {
        return Engines.open(new EngineConfig(state, null, Duration.ofSeconds(1),
                EngineConfig.defaultGuestDir(System.getenv(), true)));
    }
}
