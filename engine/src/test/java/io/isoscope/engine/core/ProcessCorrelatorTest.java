package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.proc.ProcEntry;
import io.isoscope.engine.proc.ProcSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCorrelatorTest {

    private static final long HOST_NS = 4026531836L;
    private static final long CONTAINER_NS = 4026532500L;
    private static final long OTHER_NS = 4026532999L;

    private static ProcEntry entry(long pid, long ppid, String name, long ns, Long... nsPids) {
        return new ProcEntry(pid, ppid, name, name, 0, "root", 0.1, 1 << 20, 2 << 20, 1, pid, Instant.EPOCH, ns,
                nsPids.length == 0 ? List.of(pid) : List.of(nsPids));
    }

    private final ProcSnapshot snapshot = new ProcSnapshot(List.of(
            entry(1, 0, "init", HOST_NS),
            entry(6400, 1, "runc", HOST_NS),
            entry(6466, 6400, "ping", CONTAINER_NS, 6466L, 1L),
            entry(6470, 6466, "sh", CONTAINER_NS, 6470L, 7L),
            entry(7000, 1, "sleep", OTHER_NS, 7000L, 1L)), HOST_NS, Instant.EPOCH);

    @Test
    void hostRowsOfAContainerNamespaceCarryTheContainerAndItsPid() {
        List<HostProcess> rows = ProcessCorrelator.hostTable(snapshot, Map.of(CONTAINER_NS, "c1"), Map.of());
        assertThat(rows).extracting(HostProcess::pid, HostProcess::role, HostProcess::containerId, HostProcess::containerPid)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, ProcessRole.HOST, null, null),
                        org.assertj.core.groups.Tuple.tuple(6400L, ProcessRole.HOST, null, null),
                        org.assertj.core.groups.Tuple.tuple(6466L, ProcessRole.CONTAINER, "c1", 1L),
                        org.assertj.core.groups.Tuple.tuple(6470L, ProcessRole.CONTAINER, "c1", 7L),
                        // another namespace the engine does not own (e.g. another tool's container) is a host process
                        org.assertj.core.groups.Tuple.tuple(7000L, ProcessRole.HOST, null, null));
    }

    @Test
    void containerRowsAreTheNamespaceSeenFromInside() {
        List<ContainerProcess> rows = ProcessCorrelator.containerTable(snapshot, CONTAINER_NS);
        assertThat(rows).extracting(ContainerProcess::containerPid, ContainerProcess::parentPid, ContainerProcess::hostPid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L, 6466L),
                        org.assertj.core.groups.Tuple.tuple(7L, 1L, 6470L));
    }

    @Test
    void anUnknownNamespaceHasNoProcesses() {
        assertThat(ProcessCorrelator.containerTable(snapshot, 0)).isEmpty();
    }
}
