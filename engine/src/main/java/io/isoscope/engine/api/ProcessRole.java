package io.isoscope.engine.api;

/** What a host process is to the engine's containers. */
public enum ProcessRole {
    /** An ordinary host process, no container's. */
    HOST,
    /** A process of a process-isolated container: the host kernel runs it. */
    CONTAINER,
    /** The VM worker ({@code vmwp}) that encapsulates a hyperv container. */
    VM_WORKER
}
