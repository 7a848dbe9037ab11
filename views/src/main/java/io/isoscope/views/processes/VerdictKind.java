package io.isoscope.views.processes;

/** What the verdict line says, so the view can colour it. Immutable. */
public enum VerdictKind {
    /** Nothing to compare (no container selected, not running, no process yet). */
    NONE,
    /** The host table shows the container's very process: the host kernel runs it. */
    SAME_PROCESS,
    /** The host does not see the container's process; it only sees the VM worker that encapsulates it. */
    BEHIND_VM
}
