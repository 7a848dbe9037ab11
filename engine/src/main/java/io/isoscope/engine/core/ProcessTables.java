package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.proc.ProcReader;
import io.isoscope.engine.proc.ProcSnapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The two correlated process tables, read from /proc. One scan serves every table asked for within 200 ms (the
 * GUI asks for both in one tick), and each container's PID namespace is looked up once per run. Thread-safe.
 */
final class ProcessTables {

    private static final long SNAPSHOT_MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ProcReader proc;
    private final Map<String, Long> pidNsByRun = new ConcurrentHashMap<>();
    private ProcSnapshot lastSnapshot;
    private long lastSnapshotNanos;

    ProcessTables(ProcReader proc) {
        this.proc = proc;
    }

    /** The host table, correlated with the running containers among {@code containers} (and their VM workers). */
    List<HostProcess> host(List<ContainerInfo> containers) {
        Map<Long, String> byNs = new HashMap<>();
        Map<Long, String> vmWorkers = new HashMap<>();
        for (ContainerInfo c : containers) {
            if (c.state() != ContainerState.RUNNING || c.hostPid() == null) {
                continue;
            }
            if (c.isolation() == Isolation.HYPERV) {
                vmWorkers.put(c.hostPid(), c.id());
            } else {
                long ns = pidNamespace(c);
                if (ns != 0) {
                    byNs.put(ns, c.id());
                }
            }
        }
        return ProcessCorrelator.hostTable(snapshot(), byNs, vmWorkers);
    }

    /** The table inside a running process-isolated container. */
    List<ContainerProcess> inside(ContainerInfo running) {
        return ProcessCorrelator.containerTable(snapshot(), pidNamespace(running));
    }

    /** Forgets what was cached about a removed container. */
    void forget(String containerId) {
        pidNsByRun.keySet().removeIf(k -> k.startsWith(containerId + "@"));
    }

    private long pidNamespace(ContainerInfo c) {
        String run = c.id() + "@" + c.hostPid();
        Long cached = pidNsByRun.get(run);
        if (cached != null) {
            return cached;
        }
        long ns = proc.pidNamespaceOf(c.hostPid());
        if (ns != 0) {
            pidNsByRun.put(run, ns);
        }
        return ns;
    }

    private synchronized ProcSnapshot snapshot() {
        long now = System.nanoTime();
        if (lastSnapshot == null || now - lastSnapshotNanos > SNAPSHOT_MAX_AGE_NANOS) {
            lastSnapshot = proc.scan();
            lastSnapshotNanos = now;
        }
        return lastSnapshot;
    }
}
