package io.isoscope.engine.runtime.process;

import java.nio.file.Path;

/**
 * The files of one process-isolated container under {@code STATE/containers/ID}. Immutable, thread-safe.
 *
 * @param root the container's directory (mode 0700); it is also the OCI bundle
 */
public record ContainerDir(Path root) {

    /** The OCI runtime config. */
    public Path config() {
        return root.resolve("config.json");
    }

    /** The overlay mount point that becomes the container's /. */
    public Path rootfs() {
        return root.resolve("rootfs");
    }

    /** The overlay upper dir: the container's writes, so the image stays untouched. */
    public Path upper() {
        return root.resolve("upper");
    }

    /** The overlay work dir. */
    public Path work() {
        return root.resolve("work");
    }

    /** runc's own state root for this container alone. */
    public Path runcRoot() {
        return root.resolve("runc");
    }

    /** runc's JSON log (its errors). */
    public Path runcLog() {
        return root.resolve("runc.log");
    }

    /** The workload's stdout and stderr (or its terminal's output) as CRI log records, written by the monitor. */
    public Path log() {
        return root.resolve("container.log");
    }

    /** Written by runc once the workload runs: its host PID. */
    public Path pidFile() {
        return root.resolve("pid");
    }

    /** The monitor's own PID, written by the monitor first thing. */
    public Path monitorPidFile() {
        return root.resolve("monitor.pid");
    }

    /** Present when the workload runs on a terminal (written at create; read at every start, cheaper than the config). */
    public Path terminalMarker() {
        return root.resolve("terminal");
    }

    /** Written by the monitor when the workload has ended: its exit code and, on a second line, why if not its own doing. */
    public Path exitFile() {
        return root.resolve("exit");
    }
}
