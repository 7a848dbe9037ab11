package io.isoscope.engine.faults;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a container's parts from outside (its monitor, its runc, its QEMU) with SIGKILL: the engine marks the
 * container ended with the reason, kills what would otherwise run on unwatched, and nothing hangs.
 */
@Tag("fault-injection")
class ExternalKillIntegrationTest {

    private static final Duration NOTICE = Duration.ofSeconds(15);

    private TestEngine test;
    private ContainerEngine engine;

    @BeforeEach
    void setUp() {
        test = TestEngine.open();
        engine = test.engine();
    }

    @AfterEach
    void tearDown() {
        test.close();
    }

    @Test
    void aKilledMonitorEndsTheContainerWithTheReasonAndKillsTheOrphanedWorkload() throws IOException {
        ContainerInfo c = runPing(Isolation.PROCESS);
        long monitor = Long.parseLong(Files.readString(dir(c).resolve("monitor.pid")).trim());

        kill(monitor);

        ContainerInfo ended = awaitEnd(c);
        assertThat(ended.state()).isEqualTo(ContainerState.EXITED);
        assertThat(ended.exitCode()).isEqualTo(137);
        assertThat(ended.reason()).contains("monitor was killed");
        Poll.until("the unwatched workload killed", NOTICE, () -> !alive(c.hostPid()));
        assertThat(dir(c).resolve("runc").resolve(c.id())).as("runc state").doesNotExist();
        assertThat(Leftovers.processesNaming(c.id())).as("nothing of it runs").isEmpty();
        engine.remove(c.id(), false);
    }

    @Test
    void aKilledRuncEndsTheContainerWithTheReason() throws IOException {
        ContainerInfo c = runPing(Isolation.PROCESS);
        long runc = ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(List::of).orElse(List.of()).containsAll(List.of("run", "--bundle", c.id())))
                .findFirst().orElseThrow().pid();

        kill(runc);

        ContainerInfo ended = awaitEnd(c);
        assertThat(ended.state()).isEqualTo(ContainerState.EXITED);
        assertThat(ended.exitCode()).isEqualTo(137);
        assertThat(ended.reason()).contains("runc").contains("killed");
        Poll.until("the workload killed with it", NOTICE, () -> !alive(c.hostPid()));
        assertThat(Leftovers.processesNaming(c.id())).as("nothing of it runs").isEmpty();
        engine.remove(c.id(), false);
    }

    @Test
    void aKilledQemuEndsTheVmContainerWithTheReason() throws IOException {
        ContainerInfo c = runPing(Isolation.HYPERV);

        kill(c.hostPid());

        ContainerInfo ended = awaitEnd(c);
        assertThat(ended.state()).isEqualTo(ContainerState.DEAD);
        assertThat(ended.reason()).contains("vmwp").contains("without reporting an exit code");
        assertThat(Leftovers.processesNaming(c.id())).as("nothing of it runs").isEmpty();
        assertThat(Leftovers.entries(test.stateDir().resolve("run"))).as("its sockets are gone").isEmpty();
        engine.remove(c.id(), false);
    }

    @Test
    void aKilledWorkloadIsAnOrdinaryExit() {
        ContainerInfo c = runPing(Isolation.PROCESS);

        kill(c.hostPid());

        ContainerInfo ended = awaitEnd(c);
        assertThat(ended.exitCode()).isEqualTo(137);
        assertThat(ended.reason()).as("the workload's own end needs no explanation").isNull();
    }

    private ContainerInfo runPing(Isolation isolation) {
        Assumptions.assumeTrue(engine.readiness().stream().anyMatch(r -> r.isolation() == isolation && r.available()),
                isolation + " isolation is not available here");
        return engine.run(ContainerSpec.of("busybox", isolation, "ping", "127.0.0.1"));
    }

    private ContainerInfo awaitEnd(ContainerInfo c) {
        Poll.until(c.name() + " marked ended", NOTICE, () -> !engine.inspect(c.id()).isRunning());
        return engine.inspect(c.id());
    }

    private Path dir(ContainerInfo c) {
        return test.stateDir().resolve("containers").resolve(c.id());
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
