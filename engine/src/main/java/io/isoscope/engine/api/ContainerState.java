package io.isoscope.engine.api;

/** Lifecycle state of a container, as docker names them. */
public enum ContainerState {
    /** Created, never started. */
    CREATED,
    /** Its workload is running. */
    RUNNING,
    /** Its workload ended; the exit code is known. */
    EXITED,
    /** The runtime state vanished without an exit code (the reason says why). */
    DEAD
}
