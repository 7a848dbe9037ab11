package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.proc.ProcEntry;
import io.isoscope.engine.proc.ProcSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a /proc snapshot into the two correlated tables: host rows say which container they belong to, container
 * rows carry their host PID. Correlation is by PID namespace: a process-isolated container owns every process in
 * the PID namespace of its first process. Stateless, thread-safe.
 */
final class ProcessCorrelator {

    private ProcessCorrelator() {
    }

    /**
     * Host rows; {@code containerByPidNs} maps a PID-namespace inode to the process-isolated container owning it,
     * {@code containerByVmWorker} the host PID of a VM worker to the hyperv container it encapsulates.
     */
    static List<HostProcess> hostTable(ProcSnapshot snapshot, Map<Long, String> containerByPidNs,
                                       Map<Long, String> containerByVmWorker) {
        List<HostProcess> rows = new ArrayList<>(snapshot.processes().size());
        for (ProcEntry p : snapshot.processes()) {
            String vm = containerByVmWorker.get(p.pid());
            String container = vm == null && p.pidNamespace() != snapshot.ownPidNamespace()
                    ? containerByPidNs.get(p.pidNamespace()) : null;
            ProcessRole role = vm != null ? ProcessRole.VM_WORKER : container != null ? ProcessRole.CONTAINER : ProcessRole.HOST;
            rows.add(new HostProcess(p.pid(), p.ppid(), p.name(), p.commandLine(), p.user(), p.cpuSeconds(),
                    p.rssBytes(), p.virtualBytes(), p.threads(), p.sessionId(), p.startTime(), role,
                    vm != null ? vm : container, container == null ? null : p.innermostPid()));
        }
        return rows;
    }

    /** The processes of the PID namespace {@code pidNs}, as seen inside it, ordered by container PID. */
    static List<ContainerProcess> containerTable(ProcSnapshot snapshot, long pidNs) {
        List<ProcEntry> members = pidNs == 0 ? List.of() : snapshot.inPidNamespace(pidNs);
        Map<Long, Long> containerPidOfHostPid = new HashMap<>();
        members.forEach(p -> containerPidOfHostPid.put(p.pid(), p.innermostPid()));
        List<ContainerProcess> rows = new ArrayList<>(members.size());
        for (ProcEntry p : members) {
            // The first process's parent (runc) lives outside the namespace: inside, its parent is 0.
            long parent = containerPidOfHostPid.getOrDefault(p.ppid(), 0L);
            rows.add(new ContainerProcess(p.innermostPid(), parent, p.pid(), p.user(), p.name(), p.commandLine(),
                    p.cpuSeconds(), p.rssBytes(), p.startTime()));
        }
        rows.sort((a, b) -> Long.compare(a.containerPid(), b.containerPid()));
        return rows;
    }
}
