package io.isoscope.engine.api;

import java.time.Instant;

/**
 * One row of a container's own process table, as {@code docker top} shows it. Immutable, thread-safe.
 *
 * @param containerPid PID inside the container (1 for its first process)
 * @param parentPid    parent PID inside the container (0 for its first process)
 * @param hostPid      the same process's host PID, or {@code null} where the host cannot see it (inside a VM)
 * @param user         user name or numeric uid, as seen inside
 * @param name         short name
 * @param commandLine  full command line
 * @param cpuSeconds   user + system CPU time
 * @param rssBytes     resident set size
 * @param startTime    when it started, or {@code null} when unknown
 */
public record ContainerProcess(long containerPid, long parentPid, Long hostPid, String user, String name,
                               String commandLine, double cpuSeconds, long rssBytes, Instant startTime) {
}
