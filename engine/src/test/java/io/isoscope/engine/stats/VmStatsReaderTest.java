package io.isoscope.engine.stats;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.proc.ProcReader;
import io.isoscope.engine.proc.UserNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VM reader's own parts, with this JVM standing in for the VM worker. */
class VmStatsReaderTest {

    private final VmStatsReader reader = new VmStatsReader(
            new ProcReader(Path.of("/proc"), new UserNames(Path.of("/etc/passwd"))), Clock.systemUTC());

    @Test
    void theVmsRamIsQemusMinusM() {
        assertThat(VmStatsReader.ramBytes("qemu-system-x86_64 -name x,process=vmwp -m 128M -smp 1"))
                .isEqualTo(128L << 20);
        assertThat(VmStatsReader.ramBytes("qemu -m 2G")).isEqualTo(2L << 30);
        assertThat(VmStatsReader.ramBytes("qemu -m 256 -smp 2")).isEqualTo(256L << 20);
        assertThat(VmStatsReader.ramBytes("qemu -object memory-backend-memfd,id=ram,size=128M -machine microvm"))
                .isNull();
    }

    @Test
    void theWorkersCountersAndTheGuestsSumsOverTheContainersProcesses() {
        long self = ProcessHandle.current().pid();
        List<ContainerProcess> inside = List.of(
                new ContainerProcess(1, 0, null, "root", "sh", "sh -c x", 1.5, 2 << 20, null),
                new ContainerProcess(7, 1, null, "root", "ping", "ping 127.0.0.1", 0.25, 1 << 20, null));

        ContainerStats s = reader.read(self, () -> Optional.of(inside));

        assertThat(s.cpuSeconds()).isPositive();
        assertThat(s.memoryBytes()).as("this JVM's resident set").isGreaterThan(1 << 20);
        assertThat(s.guest()).isEqualTo(new ContainerStats.GuestUsage(1.75, 3 << 20, 2));
        assertThat(s.pids()).isEqualTo(2);
        assertThat(s.source()).isEqualTo("vmwp process + guest");
    }

    @Test
    void aSilentGuestLeavesOnlyTheHostsView() {
        ContainerStats s = reader.read(ProcessHandle.current().pid(), () -> Optional.of(List.of()));
        assertThat(s.guest()).isNull();
        assertThat(s.pids()).isNull();
        assertThat(s.source()).isEqualTo("vmwp process");
    }

    @Test
    void aWorkerThatEndedMeansTheContainerIsNotRunning() {
        assertThatThrownBy(() -> reader.read(Integer.MAX_VALUE, Optional::empty))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
    }
}
