package io.isoscope.views.walkthrough.scenario;

import java.util.Optional;

/**
 * {@code REMOVE_CONTAINER}: {@code docker rm -f CONTAINER}, e.g. to look the same name up again without it.
 * Immutable.
 *
 * @param container alias of a container started by an earlier step
 */
public record RemoveContainer(String container) implements StepAction {

    /** The JSON type name. */
    public static final String TYPE = "REMOVE_CONTAINER";

    @Override
    public Optional<String> usedContainer() {
        return Optional.of(container);
    }
}
