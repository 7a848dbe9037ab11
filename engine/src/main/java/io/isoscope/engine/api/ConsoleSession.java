package io.isoscope.engine.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * An interactive terminal session: attached to a container run with a TTY ({@code docker attach}), or a process
 * started in a running container ({@code docker exec -it}). The terminal itself (the pty master, or the guest's)
 * is held by the container's monitor or VM, never by this session: closing it detaches and the container runs on.
 * Reading {@link #output()} and writing {@link #input()} may happen on two different threads; other methods are
 * thread-safe.
 */
public interface ConsoleSession extends AutoCloseable {

    /** What the terminal shows (a TTY merges stdout and stderr); blocking reads, -1 once the session ended. */
    InputStream output();

    /**
     * What the process writes to stderr, when this session keeps it apart from {@link #output()}: an exec without a
     * terminal opened with {@code separateStderr} ({@link ContainerEngine#exec(String, java.util.List, boolean,
     * boolean)}). Otherwise an empty stream, stderr being in {@link #output()} (a terminal merges them anyway).
     * Blocking reads, -1 once the session ended; read it on a thread of its own beside {@link #output()}: output
     * one of them does not read is kept only up to a limit.
     */
    default InputStream errorOutput() {
        return InputStream.nullInputStream();
    }

    /**
     * What is typed: bytes as a terminal sends them (Ctrl-C is 0x03, Enter is '\r'). Closing it ends the input: a
     * process without a terminal reads end-of-file.
     */
    OutputStream input();

    /** Tells the terminal its size in character cells (the program gets SIGWINCH). */
    void resize(int columns, int rows);

    /** The exit code of the attached workload or the exec'd process, once it has ended. */
    OptionalInt exitCode();

    /**
     * Detaches and leaves an exec'd process running without its console, as {@code docker exec -d} does (no SIGHUP;
     * without a terminal its stdin reaches end-of-file). For an attached container the same as {@link #close()},
     * which is also what runtimes that cannot leave a process running do. Idempotent.
     */
    default void disown() {
        close();
    }

    /**
     * Detaches. An attached container runs on; an exec'd process that is still running is sent SIGHUP, as when
     * a terminal closes. Idempotent.
     */
    @Override
    void close();
}
