package io.isoscope.views.walkthrough.scenario;

/** What a host lookup should give. Immutable. */
public enum Expectation {
    /** At least one matching process. */
    FOUND,
    /** None: get-process's "Cannot find a process with the name ..." */
    NOT_FOUND
}
