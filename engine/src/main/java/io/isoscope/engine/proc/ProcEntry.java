package io.isoscope.engine.proc;

import java.time.Instant;
import java.util.List;

/**
 * One process as read from {@code /proc/PID}. Immutable, thread-safe.
 *
 * @param pid          PID as seen by the reader's {@code /proc}
 * @param ppid         parent PID (0 for PID 1 and kernel thread roots)
 * @param name         short name ({@code comm}), may contain spaces and parentheses
 * @param commandLine  the arguments joined by spaces, or {@code [name]} when there are none (kernel thread, zombie)
 * @param uid          owner of the {@code /proc/PID} directory: the effective uid (root for non-dumpable processes)
 * @param user         user name for {@code uid}, or the uid as text when unknown
 * @param cpuSeconds   user + system CPU time
 * @param rssBytes     resident set size (working set)
 * @param virtualBytes virtual size
 * @param threads      number of threads
 * @param sessionId    session id
 * @param startTime    when it started (second-accurate: boot time is only known to the second)
 * @param pidNamespace inode of its PID namespace, 0 when unreadable (zombie, or another user's process when not root)
 * @param nsPids       its PIDs from the reader's namespace inwards ({@code NSpid}); just {@code [pid]} when it lives
 *                     in the reader's own PID namespace or the namespace is unknown
 */
public record ProcEntry(long pid, long ppid, String name, String commandLine, int uid, String user,
                        double cpuSeconds, long rssBytes, long virtualBytes, int threads, long sessionId,
                        Instant startTime, long pidNamespace, List<Long> nsPids) {

    /** Copies {@code nsPids} so the record stays immutable. */
    public ProcEntry {
        nsPids = List.copyOf(nsPids);
    }

    /** The PID this process has inside its own (innermost) PID namespace, e.g. its container PID. Thread-safe. */
    public long innermostPid() {
        return nsPids.get(nsPids.size() - 1);
    }
}
