package io.isoscope.engine.runtime.vm.agent;

/**
 * The workload's state inside a VM container's guest, as its agent reports it. Immutable, thread-safe.
 *
 * @param state    where the workload is in its life
 * @param pid      the workload's guest PID, or {@code null} before it started
 * @param exitCode its exit code (128+N for signal N), or {@code null} until it has ended
 */
public record GuestStatus(State state, Long pid, Integer exitCode) {

    /** The workload's life stages, named on the wire in lower case. */
    public enum State {
        /** Not started yet. */
        CREATED,
        /** Running. */
        RUNNING,
        /** Ended; the exit code is known. */
        EXITED
    }
}
