package io.isoscope.views.walkthrough.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A walkthrough: steps that run containers, show their tables and look processes up on the host, with what to
 * notice at each. Read from JSON by {@link ScenarioReader}, which has already checked it. Immutable, thread-safe.
 *
 * @param title            what the walkthrough shows, e.g. "Hyper-V containers: what the host can see"
 * @param description      a paragraph shown before the first step (may be empty)
 * @param presenterSeconds how long Run all dwells on a finished step before the next one
 * @param steps            the steps, in order (at least one)
 */
public record Scenario(String title, String description, int presenterSeconds, List<Step> steps) {

    /** The format version this code reads ({@code "format"} in the file). */
    public static final int FORMAT = 1;

    public Scenario {
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
    }

    /** The step that starts the container called {@code alias} ({@code "as"} of a RUN_CONTAINER), if any. */
    public Optional<RunContainer> declaration(String alias) {
        return steps.stream().map(Step::action)
                .filter(RunContainer.class::isInstance).map(RunContainer.class::cast)
                .filter(r -> r.as().equals(alias)).findFirst();
    }
}
