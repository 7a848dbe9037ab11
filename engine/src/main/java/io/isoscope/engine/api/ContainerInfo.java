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
 */
public record ContainerInfo(String id, String name, String image, String imageDigest, List<String> command,
                            Isolation isolation, ContainerState state, Integer exitCode, Long hostPid,
                            Instant createdAt, Instant startedAt, Instant finishedAt, String reason,
                            boolean autoRemove, String runtime, boolean tty) {

    public ContainerInfo {
        command = List.copyOf(command);
    }

    /** A container without a terminal. */
    public ContainerInfo(String id, String name, String image, String imageDigest, List<String> command,
                         Isolation isolation, ContainerState state, Integer exitCode, Long hostPid,
                         Instant createdAt, Instant startedAt, Instant finishedAt, String reason,
                         boolean autoRemove, String runtime) {
        this(id, name, image, imageDigest, command, isolation, state, exitCode, hostPid, createdAt, startedAt,
                finishedAt, reason, autoRemove, runtime, false);
    }

    /** The first 12 hex digits of the id, as docker prints it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Whether the workload is running now. */
    public boolean isRunning() {
        return state == ContainerState.RUNNING;
    }
}
