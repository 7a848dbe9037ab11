package io.isoscope.engine.api;

import java.time.Instant;

/**
 * One row of the host process table (the columns of {@code get-process} and {@code ps}), correlated with
 * containers by the engine. Immutable, thread-safe.
 *
 * @param pid          host PID
 * @param ppid         host parent PID
 * @param name         short name ({@code comm})
 * @param commandLine  full command line, or {@code [name]} for kernel threads
 * @param user         owning user name (or the numeric uid when unknown)
 * @param cpuSeconds   user + system CPU time
 * @param rssBytes     working set (resident set size)
 * @param virtualBytes virtual size
 * @param threads      number of threads
 * @param sessionId    session id
 * @param startTime    when it started
 * @param role         its relation to containers
 * @param containerId  id of the container it belongs to or encapsulates, or {@code null}
 * @param containerPid its PID inside the container's PID namespace, or {@code null}
 */
public record HostProcess(long pid, long ppid, String name, String commandLine, String user, double cpuSeconds,
                          long rssBytes, long virtualBytes, int threads, long sessionId, Instant startTime,
                          ProcessRole role, String containerId, Long containerPid) {
}
