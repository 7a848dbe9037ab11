package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference scenario's Hyper-V half against real QEMU (TCG here), the cloud kernel and the guest agent. */
class HypervIsolationIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine ENGINE = new SharedTestEngine();

    @AfterEach
    void removeAll(ContainerEngine engine) {
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void pingRunsInTheVmAndTheHostSeesOnlyVmwp(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "127.0.0.1"));
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(c.runtime()).startsWith("qemu (");

        List<ContainerProcess> inside = engine.processes(c.id());
        assertThat(inside).extracting(ContainerProcess::name).containsExactly("ping");
        ContainerProcess ping = inside.get(0);
        assertThat(ping.hostPid()).as("the host cannot see a process in the VM").isNull();
        assertThat(ping.containerPid()).isPositive();

        List<HostProcess> host = engine.hostProcesses();
        assertThat(new ProcessNameFilter("ping").apply(host))
                .noneMatch(h -> c.id().equals(h.containerId()));
        List<HostProcess> workers = host.stream()
                .filter(h -> h.role() == ProcessRole.VM_WORKER && c.id().equals(h.containerId())).toList();
        assertThat(workers).hasSize(1);
        assertThat(workers.get(0).pid()).isEqualTo(c.hostPid());
        assertThat(workers.get(0).name()).isEqualTo("vmwp");

        IsolationVerdict verdict = IsolationVerdict.of(engine.inspect(c.id()), inside, host);
        assertThat(verdict.visibleOnHost()).isFalse();
        assertThat(verdict.text()).isEqualTo("ping (container PID " + ping.containerPid()
                + ") is not visible on the host: it runs in the VM behind vmwp (PID " + c.hostPid() + ")");
        Poll.until("ping's output in the log", Duration.ofSeconds(20),
                () -> engine.logs(c.id()).contains("bytes from 127.0.0.1"));

        long t0 = System.nanoTime();
        ContainerInfo stopped = engine.stop(c.id(), Duration.ofSeconds(5));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        assertThat(stopped.exitCode()).as("ping is not the VM's init: SIGTERM ends it").isEqualTo(143);
        Poll.until("QEMU to exit", Duration.ofSeconds(10), () -> !alive(c.hostPid()));

        engine.remove(c.id(), false);
        assertThat(ENGINE.stateDir().resolve("containers").resolve(c.id())).doesNotExist();
        assertThat(ENGINE.stateDir().resolve("run").resolve(c.id().substring(0, 12))).doesNotExist();
    }

    @Test
    void theWorkloadsExitCodeIsTheContainers(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c",
                "echo from-the-vm; grep MemTotal /proc/meminfo; nproc; exit 7").withLimits(200, 2));
        ContainerInfo done = engine.awaitExit(c.id(), Duration.ofSeconds(60));
        assertThat(done.state()).isEqualTo(ContainerState.EXITED);
        assertThat(done.exitCode()).isEqualTo(7);
        String log = engine.logs(c.id());
        assertThat(log).contains("from-the-vm");
        // --memory and --cpus are the VM's RAM and vCPUs (the kernel keeps some RAM for itself).
        long memTotalKib = Long.parseLong(log.replaceAll("(?s).*MemTotal:\\s+(\\d+) kB.*", "$1"));
        assertThat(memTotalKib).isBetween(150L * 1024, 200L * 1024);
        assertThat(log).containsPattern("(?m)^2$");
        Poll.until("QEMU to power off", Duration.ofSeconds(10), () -> !alive(c.hostPid()));
    }

    @Test
    void killEndsTheVmAndRemoveLeavesNothing(ContainerEngine engine) {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sleep", "600"));
        long qemu = c.hostPid();
        assertThat(engine.kill(c.id()).exitCode()).isEqualTo(137);
        assertThat(alive(qemu)).isFalse();
        engine.remove(c.id(), false);
        assertThat(leftoverFiles()).isEmpty();
    }

    @Test
    void processAndHypervContainersSideBySide(ContainerEngine engine) {
        ContainerInfo proc = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        ContainerInfo vm = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "127.0.0.1"));
        List<HostProcess> host = engine.hostProcesses();
        assertThat(host).anyMatch(h -> h.pid() == proc.hostPid() && h.role() == ProcessRole.CONTAINER
                && h.name().equals("ping"));
        assertThat(host).anyMatch(h -> h.pid() == vm.hostPid() && h.role() == ProcessRole.VM_WORKER);
        assertThat(engine.processes(proc.id())).extracting(ContainerProcess::hostPid).containsExactly(proc.hostPid());
        assertThat(engine.processes(vm.id())).extracting(ContainerProcess::hostPid).containsOnlyNulls();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<Path> leftoverFiles() {
        try (var s = Files.list(ENGINE.stateDir().resolve("containers"))) {
            List<Path> left = new java.util.ArrayList<>(s.toList());
            Path run = ENGINE.stateDir().resolve("run");
            if (Files.isDirectory(run)) {
                try (var r = Files.list(run)) {
                    left.addAll(r.toList());
                }
            }
            return left;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
