package io.isoscope.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one container, as {@code docker inspect} would show it. Immutable, thread-safe.
 *
 * @param id          64 hex digits
 * @param name        unique name
 * @param image       the reference it was created from, normalised (e.g. {@code busybox:latest})
 * @param imageDigest manifest digest ({@code sha256:...}) of that image
 * @param command     the argv it runs
 * @param isolation   process or hyperv
 * @param state       lifecycle state
 * @param exitCode    exit code once {@link ContainerState#EXITED}, else {@code null}
 * @param hostPid     host PID of the container's first process while running (for hyperv: the VM worker), else {@code null}
 * @param createdAt   creation time
 * @param startedAt   last start, or {@code null}
 * @param finishedAt  last exit, or {@code null}
 * @param reason      why it is DEAD or how it ended ("killed", "stopped"), or {@code null}
 * @param autoRemove  removed by the engine once it exits
 * @param runtime     the runtime that runs it, e.g. {@code runc 1.1.5}
 * @param tty         whether it runs on a terminal ({@code -it}): then it has a console to attach to
 * @param env         the whole environment it runs with as {@code KEY=VALUE} (the image's, then {@code -e}'s), as
 *                    {@code docker inspect} shows it: values may be secrets; {@code null} when not recorded (the
 *                    container was created by an Isoscope from before this was kept)
 * @param limits      the resource limits it was created with; {@code null} when not recorded, as for {@code env}
 */
public record ContainerInfo(String id, String name, String image, String imageDigest, List<String> command,
                            Isolation isolation, ContainerState state, Integer exitCode, Long hostPid,
                            Instant createdAt, Instant startedAt, Instant finishedAt, String reason,
                            boolean autoRemove, String runtime, boolean tty, List<String> env,
                            ResourceLimits limits) {

    public ContainerInfo {
        command = List.copyOf(command);
        env = env == null ? null : List.copyOf(env);
    }

    /** A container whose environment and limits were not recorded. */
    public ContainerInfo(String id, String name, String image, String imageDigest, List<String> command,
                         Isolation isolation, ContainerState state, Integer exitCode, Long hostPid,
                         Instant createdAt, Instant startedAt, Instant finishedAt, String reason,
                         boolean autoRemove, String runtime, boolean tty) {
        this(id, name, image, imageDigest, command, isolation, state, exitCode, hostPid, createdAt, startedAt,
                finishedAt, reason, autoRemove, runtime, tty, null, null);
    }

    /** A container without a terminal. */
    public ContainerInfo(String id, String name, String image, String imageDigest, List<String> command,
                         Isolation isolation, ContainerState state, Integer exitCode, Long hostPid,
                         Instant createdAt, Instant startedAt, Instant finishedAt, String reason,
                         boolean autoRemove, String runtime) {
        this(id, name, image, imageDigest, command, isolation, state, exitCode, hostPid, createdAt, startedAt,
                finishedAt, reason, autoRemove, runtime, false, null, null);
    }

    /** The first 12 hex digits of the id, as docker prints it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /**
     * The same container in another lifecycle state; what it was created with stays.
     *
     * @param started  the last start, or {@code null}
     * @param finished the last exit, or {@code null}
     */
    public ContainerInfo withState(ContainerState newState, Integer newExitCode, Long newHostPid, Instant started,
                                   Instant finished, String newReason) {
        return new ContainerInfo(id, name, image, imageDigest, command, isolation, newState, newExitCode, newHostPid,
                createdAt, started, finished, newReason, autoRemove, runtime, tty, env, limits);
    }

    /** Whether the workload is running now. */
    public boolean isRunning() {
        return state == ContainerState.RUNNING;
    }
}
