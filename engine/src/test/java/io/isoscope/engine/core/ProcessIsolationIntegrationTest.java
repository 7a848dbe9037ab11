package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.IsolationVerdict;
import io.isoscope.engine.api.ProcessNameFilter;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference scenario's process half against the real runc, busybox and /proc. */
class ProcessIsolationIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    @AfterEach
    void removeAll(ContainerEngine engine) {
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void pingIsTheSameProcessFromBothSides(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);

        List<ContainerProcess> inside = engine.processes(c.id());
        assertThat(inside).hasSize(1);
        ContainerProcess ping = inside.get(0);
        assertThat(ping.name()).isEqualTo("ping");
        assertThat(ping.containerPid()).isEqualTo(1);
        assertThat(ping.hostPid()).isEqualTo(c.hostPid());
        assertThat(ping.commandLine()).isEqualTo("ping 127.0.0.1");

        List<HostProcess> host = new ProcessNameFilter("ping").apply(engine.hostProcesses());
        HostProcess same = host.stream().filter(h -> h.pid() == ping.hostPid()).findFirst().orElseThrow();
        assertThat(same.role()).isEqualTo(ProcessRole.CONTAINER);
        assertThat(same.containerId()).isEqualTo(c.id());
        assertThat(same.containerPid()).isEqualTo(1L);
        assertThat(same.user()).isEqualTo("root");

        IsolationVerdict verdict = IsolationVerdict.of(engine.inspect(c.id()), inside, engine.hostProcesses());
        assertThat(verdict.visibleOnHost()).isTrue();
        assertThat(verdict.text()).isEqualTo("ping (container PID 1) is host PID " + ping.hostPid() + ": the host kernel runs it");

        // ping really works inside: loopback is up and CAP_NET_RAW is granted.
        Poll.until("ping's replies in the log", Duration.ofSeconds(10),
                () -> engine.logs(c.id()).contains("bytes from 127.0.0.1"));
    }

    @Test
    void stopEndsPingWithinTheGracePeriodAndRemoveDeletesEverything(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        long pid = c.hostPid();
        Path dir = fixture.stateDir().resolve("containers").resolve(c.id());
        assertThat(Files.isDirectory(dir.resolve("runc").resolve(c.id()))).isTrue();

        long t0 = System.nanoTime();
        ContainerInfo stopped = engine.stop(c.id(), Duration.ofSeconds(2));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // ping as PID 1 has no SIGTERM handler, so the kernel drops SIGTERM and SIGKILL ends it at the deadline.
        assertThat(ms).isLessThan(2000 + 1500);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        engine.remove(c.id(), false);
        assertThat(dir).doesNotExist();
        assertThat(engine.list(true)).isEmpty();
        assertThat(mountInfo()).doesNotContain(c.id());
        assertThat(Path.of("/sys/fs/cgroup/pids/isoscope", c.id())).doesNotExist();
    }

    @Test
    void stopDeliversSigtermToAWorkloadThatHandlesIt(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS,
                "sh", "-c", "trap 'echo bye; exit 0' TERM; echo trapping; while :; do sleep 0.1; done"));
        // Until the trap is set, PID 1 has no handler and the kernel drops SIGTERM.
        Poll.until("the trap to be set", Duration.ofSeconds(10), () -> engine.logs(c.id()).contains("trapping"));
        long t0 = System.nanoTime();
        ContainerInfo stopped = engine.stop(c.id(), Duration.ofSeconds(10));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        assertThat(stopped.exitCode()).isEqualTo(0);
        assertThat(engine.logs(c.id())).contains("bye");
    }

    @Test
    void memoryAndCpuLimitsBecomeCgroupLimits(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c",
                "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us")
                .withLimits(64, 1));
        assertThat(engine.awaitExit(c.id(), Duration.ofSeconds(20)).exitCode()).isEqualTo(0);
        assertThat(engine.logs(c.id())).contains(Long.toString(64L << 20)).contains("100000");
    }

    @Test
    void exitCodeAndBothStreamsAreRecorded(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS,
                "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 7"));
        ContainerInfo done = engine.awaitExit(c.id(), Duration.ofSeconds(20));
        assertThat(done.state()).isEqualTo(ContainerState.EXITED);
        assertThat(done.exitCode()).isEqualTo(7);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(engine.logs(c.id())).contains("to-stdout").contains("to-stderr");
    }

    @Test
    void theImageIsUntouchedByWritesInAContainer(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS,
                "sh", "-c", "rm /bin/ls && echo scribble > /etc/hosts"));
        assertThat(engine.awaitExit(c.id(), Duration.ofSeconds(20)).exitCode()).isEqualTo(0);
        ContainerInfo d = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "ls /bin/ls && cat /etc/hosts"));
        assertThat(engine.awaitExit(d.id(), Duration.ofSeconds(20)).exitCode()).isEqualTo(0);
        assertThat(engine.logs(d.id())).contains("/bin/ls").contains("localhost").doesNotContain("scribble");
    }

    @Test
    void aDetachedContainerOutlivesTheEngineAndIsAdoptedAgain(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        ContainerEngine restarted = fixture.reopen();
        assertThat(ProcessHandle.of(c.hostPid()).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        ContainerInfo again = restarted.inspect(c.name());
        assertThat(again.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(restarted.processes(c.id())).extracting(ContainerProcess::name).containsExactly("ping");
        assertThat(restarted.kill(c.id()).exitCode()).isEqualTo(137);
    }

    @Test
    void aContainerThatExitsOnItsOwnIsNoticedAndEventsAreDelivered(ContainerEngine engine) throws Exception {
        List<EngineEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = engine.subscribe(seen::add)) {
            ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "0.3"));
            Poll.until("the DIED event", Duration.ofSeconds(10), () -> seen.stream()
                    .anyMatch(e -> e.type() == EngineEvent.Type.DIED && e.containerId().equals(c.id())));
            assertThat(engine.inspect(c.id()).exitCode()).isEqualTo(0);
            engine.remove(c.id(), false);
            // Only this container's events: another test's auto-removed container may report its REMOVED late.
            Poll.until("the REMOVED event", Duration.ofSeconds(5), () -> seen.stream()
                    .anyMatch(e -> e.type() == EngineEvent.Type.REMOVED && e.containerId().equals(c.id())));
            assertThat(seen).filteredOn(e -> c.id().equals(e.containerId())).extracting(EngineEvent::type).containsSubsequence(
                    EngineEvent.Type.CREATED, EngineEvent.Type.STARTED, EngineEvent.Type.DIED, EngineEvent.Type.REMOVED);
        }
    }

    @Test
    void autoRemoveDeletesTheContainerOnceItExits(ContainerEngine engine) {
        ContainerSpec spec = new ContainerSpec("busybox", List.of("true"), "gone-soon", Isolation.PROCESS, List.of(), true);
        ContainerInfo c = engine.run(spec);
        Poll.until("the container to be removed", Duration.ofSeconds(10),
                () -> engine.list(true).stream().noneMatch(x -> x.id().equals(c.id())));
        assertThat(fixture.stateDir().resolve("containers").resolve(c.id())).doesNotExist();
    }

    static String mountInfo() {
        try {
            return Files.readString(Path.of("/proc/self/mountinfo"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
