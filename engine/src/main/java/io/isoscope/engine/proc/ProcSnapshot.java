package io.isoscope.engine.proc;

import java.time.Instant;
import java.util.List;

/**
 * All processes visible in one {@code /proc} at one moment. Immutable, thread-safe.
 *
 * @param processes       the processes, ordered by PID
 * @param ownPidNamespace inode of the reader's own PID namespace, 0 when unreadable
 * @param takenAt         when the scan started
 */
public record ProcSnapshot(List<ProcEntry> processes, long ownPidNamespace, Instant takenAt) {

    /** Copies {@code processes} so the snapshot stays immutable. */
    public ProcSnapshot {
        processes = List.copyOf(processes);
    }

    /** The processes living in the PID namespace with inode {@code pidNamespace} (a container's table). Thread-safe. */
    public List<ProcEntry> inPidNamespace(long pidNamespace) {
        return processes.stream().filter(p -> p.pidNamespace() == pidNamespace).toList();
    }
}
