package io.isoscope.views.walkthrough.scenario;

import java.util.Optional;

/** What a step does; the JSON's {@code "type"} names the kind. Implementations are immutable records. */
public sealed interface StepAction permits RunContainer, ShowContainerTable, HostLookup, RemoveContainer {

    /** The alias of the container this action uses (declared by an earlier RUN_CONTAINER), if any. */
    Optional<String> usedContainer();
}
