package io.isoscope.engine.runtime.vm;

import java.nio.file.Path;

/**
 * The files of one hyperv container. Files QEMU writes live in the container's directory; its unix sockets live
 * in a short per-container directory under the state's {@code run/}, because a socket path may not exceed 107
 * bytes and container directories are longer. Immutable, thread-safe.
 *
 * @param root    the container's directory
 * @param sockets the container's socket directory (mode 0700)
 */
public record VmDir(Path root, Path sockets) {

    /** The workload to START once the guest is up (written at create). */
    public Path workload() {
        return root.resolve("workload.json");
    }

    /** The guest kernel's console (ttyS0). */
    public Path console() {
        return root.resolve("console.log");
    }

    /** QEMU's own messages (its stderr). */
    public Path qemuLog() {
        return root.resolve("qemu.log");
    }

    /** The workload's stdout and stderr (ttyS2) as CRI records, written by QEMU. */
    public Path log() {
        return root.resolve("container.log");
    }

    /** The workload's exit code (the debug port 0xe9), written by QEMU when the agent reports it. */
    public Path exitFile() {
        return root.resolve("exit");
    }

    /** QEMU's PID, written by the engine when it starts QEMU. */
    public Path pidFile() {
        return root.resolve("vmwp.pid");
    }

    /** The agent's control line (ttyS1). */
    public Path agentSocket() {
        return sockets.resolve("agent.sock");
    }

    /** The console line (ttyS3): attached terminals and exec'd processes. */
    public Path consoleSocket() {
        return sockets.resolve("console.sock");
    }

    /** Held (flock) by the one engine process that uses the console line. */
    public Path consoleLock() {
        return sockets.resolve("console.lock");
    }

    /** QEMU's QMP control socket. */
    public Path qmpSocket() {
        return sockets.resolve("qmp.sock");
    }
}
