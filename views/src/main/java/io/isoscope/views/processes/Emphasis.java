package io.isoscope.views.processes;

/** Which of the two process tables a guide (the walkthrough) draws attention to. Immutable. */
public enum Emphasis {
    /** Neither. */
    NONE,
    /** The container-side table ({@code docker top}). */
    CONTAINER_TABLE,
    /** The host-side table and its {@code get-process -Name} filter. */
    HOST_TABLE
}
