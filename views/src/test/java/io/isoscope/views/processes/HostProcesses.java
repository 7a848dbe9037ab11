package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;

import java.time.Instant;

/** Host process values for the host table's tests. Stateless. */
final class HostProcesses {

    private HostProcesses() {
    }

    /** An ordinary host process owned by root. */
    static HostProcess proc(long pid, long ppid, String name, double cpu, long rss) {
        return new HostProcess(pid, ppid, name, "/usr/bin/" + name, "root", cpu, rss, 8L << 20, 1, pid,
                Instant.parse("2025-03-04T05:06:07Z"), ProcessRole.HOST, null, null);
    }

    /** An ordinary host process of {@code user}. */
    static HostProcess proc(long pid, long ppid, String name, String user, double cpu) {
        return new HostProcess(pid, ppid, name, name, user, cpu, 1L << 20, 8L << 20, 1, pid,
                Instant.parse("2025-03-04T05:06:07Z"), ProcessRole.HOST, null, null);
    }

    /** {@code p} with another CPU time and working set, as a later sample. */
    static HostProcess later(HostProcess p, double cpu, long rss) {
        return new HostProcess(p.pid(), p.ppid(), p.name(), p.commandLine(), p.user(), cpu, rss, p.virtualBytes(),
                p.threads(), p.sessionId(), p.startTime(), p.role(), p.containerId(), p.containerPid());
    }
}
