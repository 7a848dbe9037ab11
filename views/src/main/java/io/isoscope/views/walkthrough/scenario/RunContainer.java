package io.isoscope.views.walkthrough.scenario;

import io.isoscope.engine.api.Isolation;

import java.util.List;
import java.util.Optional;

/**
 * {@code RUN_CONTAINER}: {@code docker run -d --isolation=ISOLATION IMAGE COMMAND...}, remembered as {@code as} for
 * later steps. Immutable.
 *
 * @param as        the alias later steps use for this container (also the base of its name)
 * @param isolation process or hyperv
 * @param image     image reference, e.g. busybox
 * @param command   the workload's argv
 */
public record RunContainer(String as, Isolation isolation, String image, List<String> command) implements StepAction {

    /** The JSON type name. */
    public static final String TYPE = "RUN_CONTAINER";

    public RunContainer {
        command = List.copyOf(command);
    }

    @Override
    public Optional<String> usedContainer() {
        return Optional.empty();
    }
}
