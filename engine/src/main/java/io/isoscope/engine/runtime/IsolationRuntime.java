package io.isoscope.engine.runtime;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.engine.api.RuntimeReadiness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One way of isolating containers (runc namespaces, a QEMU utility VM), behind the engine. Every container has a
 * directory of its own (mode 0700) that the runtime owns; a running container leaves behind, when it ends, an exit
 * code the runtime can read even if the engine that started it is gone. Implementations are thread-safe; the
 * engine serialises calls for one container.
 */
public interface IsolationRuntime {

    /** The isolation this runtime provides. */
    Isolation isolation();

    /** Whether it can run containers here now and, if not, why and the fix. */
    RuntimeReadiness readiness();

    /** What {@code inspect} shows as the runtime, e.g. {@code runc} or {@code qemu (TCG)}. */
    String label();

    /**
     * The limits a container running {@code workload} gets from this runtime (its defaults filled in), as
     * {@code inspect} reports them.
     */
    ResourceLimits limits(Workload workload);

    /** Writes what a new container needs into {@code dir}, which exists and is empty. */
    void prepare(Path dir, String id, Workload workload) throws IOException;

    /** Starts the container; returns once its workload runs, with the host PID the host sees for it. */
    long start(Path dir, String id, String imageDigest, List<Path> layerDirs, Duration timeout) throws IOException;

    /** The workload's exit code, once it has ended and the code was recorded. */
    OptionalInt exitCode(Path dir);

    /** When the exit code was recorded. */
    Optional<Instant> exitTime(Path dir);

    /** Why the container ended, when the runtime (not the workload) ended it, e.g. its runc was killed. */
    default Optional<String> exitReason(Path dir) {
        return Optional.empty();
    }

    /** Whether what watches the container and will record its exit code (its monitor, its QEMU) still runs. */
    boolean isAlive(Path dir, long hostPid, Instant startedAt);

    /**
     * The container's watcher is gone without recording an exit: kills whatever of it still runs unwatched,
     * records what can be known, and returns the reason for the record.
     */
    String reap(Path dir, long hostPid);

    /**
     * After an engine died while starting the container: the host PID if the start got through (the container
     * is adopted), or empty after undoing what the interrupted start left running (it can be started again).
     */
    OptionalLong recoverStart(Path dir, String id) throws IOException;

    /** Asks the workload to end (SIGTERM). */
    void terminate(Path dir, long hostPid);

    /** Ends the container now; afterwards {@link #exitCode} is present once it has gone. */
    void forceKill(Path dir, long hostPid);

    /** What {@code stop} does when the grace period after {@link #terminate} has passed; by default a kill. */
    default void afterGrace(Path dir, long hostPid) {
        forceKill(dir, hostPid);
    }

    /** Attaches to the terminal of a running TTY container; the runtime's monitor or VM holds the terminal. */
    default ConsoleSession attach(Path dir, String id) throws IOException {
        throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                "attaching to a terminal is not supported by " + label() + " yet");
    }

    /** Starts {@code command} in the running container, on a terminal of its own when {@code tty}. */
    default ConsoleSession exec(Path dir, String id, List<String> command, boolean tty) throws IOException {
        throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                "exec is not supported by " + label() + " yet");
    }

    /**
     * {@link #exec(Path, String, List, boolean)} with, when {@code separateStderr} and not {@code tty}, the
     * process's stderr in the session's {@code errorOutput()}; a runtime that cannot keeps them merged (this default).
     */
    default ConsoleSession exec(Path dir, String id, List<String> command, boolean tty, boolean separateStderr)
            throws IOException {
        return exec(dir, id, command, tty);
    }

    /** The processes inside, when the host's /proc cannot show them (a VM); empty to read them from /proc. */
    Optional<List<ContainerProcess>> guestProcesses(Path dir);

    /** Frees what a stopped container holds (a mount); its files stay for a restart. */
    void release(Path dir);

    /** Removes every trace of the container, files included. */
    void destroy(Path dir, String id) throws IOException;

    /** The file that receives the workload's stdout and stderr. */
    static Path logFile(Path dir) {
        return dir.resolve("container.log");
    }
}
