package io.isoscope.views.walkthrough.scenario;

import java.util.Objects;

/**
 * One step of a {@link Scenario}. Immutable, thread-safe.
 *
 * @param title            a short heading, e.g. "Look for ping on the host"
 * @param action           what it does
 * @param notice           what the audience should notice once it has run
 * @param presenterSeconds how long Run all dwells on it, or {@code null} for the scenario's default
 */
public record Step(String title, StepAction action, String notice, Integer presenterSeconds) {

    public Step {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(action, "action");
        notice = notice == null ? "" : notice;
    }
}
