package io.isoscope.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-process container engine. All methods are thread-safe and blocking (they may spawn runtimes and read
 * /proc): call them off the UI thread. Containers are addressed by full id, unique id prefix or name.
 */
public interface ContainerEngine extends AutoCloseable {

    /** Creates a container without starting it. Thread-safe. */
    ContainerInfo create(ContainerSpec spec);

    /** Starts a created or exited container and returns once its workload runs. Thread-safe. */
    ContainerInfo start(String container);

    /** Creates and starts, like {@code docker run -d}; a failed start removes what create made. Thread-safe. */
    default ContainerInfo run(ContainerSpec spec) {
        ContainerInfo created = create(spec);
        try {
            return start(created.id());
        } catch (RuntimeException e) {
            try {
                remove(created.id(), true);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once it has exited. Thread-safe. */
    ContainerInfo stop(String container, Duration grace);

    /** SIGKILL; returns once it has exited. Thread-safe. */
    ContainerInfo kill(String container);

    /** Removes a container and all its files and runtime state; {@code force} kills a running one first. Thread-safe. */
    void remove(String container, boolean force);

    /** Containers, newest first; {@code all=false} lists only running ones. Thread-safe. */
    List<ContainerInfo> list(boolean all);

    /** One container. Thread-safe. */
    ContainerInfo inspect(String container);

    /** Waits until the container is not running (or the timeout passes) and returns its state. Thread-safe. */
    ContainerInfo awaitExit(String container, Duration timeout);

    /** The file holding the container's combined stdout and stderr. Thread-safe. */
    Path logFile(String container);

    /** The container's stdout and stderr so far, as text (without the recorded times). Thread-safe. */
    String logs(String container);

    /**
     * The complete lines of the container's log from byte {@code offset} on (0 = the start), with their times and
     * streams where the log records them; pass the chunk's {@code nextOffset} again to follow it. Thread-safe.
     */
    LogChunk readLog(String container, long offset);

    /** The container's processes as seen inside it, with host PIDs where the host can see them. Thread-safe. */
    List<ContainerProcess> processes(String container);

    /** The host's processes, each correlated with the container it belongs to or encapsulates. Thread-safe. */
    List<HostProcess> hostProcesses();

    /**
     * One sample of a running container's CPU time, memory and process count (see {@link ContainerStats} for what
     * they count per isolation); two samples give the CPU percentage. Throws {@link EngineException} of kind
     * {@code CONFLICT} when the container is not running. Thread-safe.
     */
    ContainerStats stats(String container);

    /** Images in the store (the built-in busybox once it has been made). Thread-safe. */
    List<ImageInfo> images();

    /** Which isolations can run here and, if not, why and how to fix it. Thread-safe. */
    List<RuntimeReadiness> readiness();

    /**
     * Attaches to the terminal of a running container that was run with a TTY ({@link ContainerSpec#tty()}).
     * Throws {@link EngineException} CONFLICT when it is not running or has no TTY, RUNTIME_UNAVAILABLE when its
     * isolation cannot do it. Thread-safe.
     */
    ConsoleSession attach(String container);

    /**
     * Starts {@code command} in a running container ({@code docker exec}, with {@code -it} when {@code tty}) and
     * returns its session. Throws {@link EngineException} CONFLICT when the container is not running,
     * COMMAND_NOT_FOUND when the program does not exist in it, RUNTIME_UNAVAILABLE when its isolation cannot do
     * it. Thread-safe.
     */
    ConsoleSession exec(String container, List<String> command, boolean tty);

    /**
     * {@link #exec(String, List, boolean)}, and with {@code separateStderr} (no terminal) the process's stderr
     * arrives apart, in the session's {@link ConsoleSession#errorOutput()}, its stdout alone in
     * {@link ConsoleSession#output()}, as {@code docker exec} without {@code -t} keeps them. An engine that cannot
     * keep them apart merges them into {@code output()} (this default). Thread-safe.
     */
    default ConsoleSession exec(String container, List<String> command, boolean tty, boolean separateStderr) {
        return exec(container, command, tty);
    }

    /**
     * The recorded events of one container, removed ones included (all containers when {@code container} is
     * null), oldest first. Events are recorded asynchronously, a moment after listeners hear them. Thread-safe.
     */
    List<EngineEvent> events(String container);

    /**
     * Registers a listener called on engine threads for every event; listeners must be thread-safe and quick.
     * Closing the returned handle unregisters it. Thread-safe.
     */
    AutoCloseable subscribe(Consumer<EngineEvent> listener);

    /**
     * What the engine had to repair or put up with since it opened (e.g. a corrupt database moved aside and
     * rebuilt), oldest first; empty when all was well. Thread-safe.
     */
    List<EngineWarning> warnings();

    /** Stops the engine's own threads; running containers keep running. Thread-safe, idempotent. */
    @Override
    void close();
}
