package io.isoscope.views.walkthrough;

/** Where a walkthrough step stands. Immutable. */
public enum StepStatus {
    /** Not run yet. */
    PENDING,
    /** Running its action, or waiting for what it shows to be there. */
    RUNNING,
    /** Done, and the tables show what it is about. */
    DONE,
    /** Its action failed or what it expected did not happen; the outcome says what it saw. */
    FAILED,
    /** Skipped: it cannot run here (e.g. Hyper-V isolation is unavailable) or its container did not start. */
    UNAVAILABLE
}
