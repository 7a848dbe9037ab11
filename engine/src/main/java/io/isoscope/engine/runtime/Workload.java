package io.isoscope.engine.runtime;

import java.util.List;

/**
 * What a container runs, resolved against its image. Immutable, thread-safe.
 *
 * @param args      argv
 * @param env       the whole environment, {@code KEY=VALUE}
 * @param cwd       working directory inside the container
 * @param hostname  the container's host name (docker uses the short id)
 * @param memoryMiB memory limit, 0 for the runtime's default
 * @param cpus      CPU limit, 0 for the runtime's default
 * @param pidsLimit most processes at once (process isolation), 0 for the runtime's default, -1 for none
 * @param tty       run on a terminal (a pty whose master the container's monitor holds) with stdin open
 */
public record Workload(List<String> args, List<String> env, String cwd, String hostname, int memoryMiB, int cpus,
                       int pidsLimit, boolean tty) {

    public Workload {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }

    /** A workload with the default pids limit. */
    public Workload(List<String> args, List<String> env, String cwd, String hostname, int memoryMiB, int cpus) {
        this(args, env, cwd, hostname, memoryMiB, cpus, 0, false);
    }

    /** A workload without a terminal. */
    public Workload(List<String> args, List<String> env, String cwd, String hostname, int memoryMiB, int cpus,
                    int pidsLimit) {
        this(args, env, cwd, hostname, memoryMiB, cpus, pidsLimit, false);
    }
}
