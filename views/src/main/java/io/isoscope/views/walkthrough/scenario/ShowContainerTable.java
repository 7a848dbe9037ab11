package io.isoscope.views.walkthrough.scenario;

import java.util.Optional;

/**
 * {@code SHOW_CONTAINER_TABLE}: {@code docker top CONTAINER}, the container-side process table. Immutable.
 *
 * @param container alias of a container started by an earlier step
 */
public record ShowContainerTable(String container) implements StepAction {

    /** The JSON type name. */
    public static final String TYPE = "SHOW_CONTAINER_TABLE";

    @Override
    public Optional<String> usedContainer() {
        return Optional.of(container);
    }
}
