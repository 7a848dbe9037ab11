package io.isoscope.views.walkthrough.scenario;

import java.util.Optional;

/**
 * {@code HOST_LOOKUP}: {@code get-process -Name NAME} on the host, expected to find something or not. With a
 * container, only that container's host rows count (its processes, or the VM worker that encapsulates it), and the
 * host table shows only those. Immutable.
 *
 * @param name      the process name (get-process wildcards allowed)
 * @param expect    what the lookup should give
 * @param container alias of a container started by an earlier step, or {@code null} for the whole host
 */
public record HostLookup(String name, Expectation expect, String container) implements StepAction {

    /** The JSON type name. */
    public static final String TYPE = "HOST_LOOKUP";

    @Override
    public Optional<String> usedContainer() {
        return Optional.ofNullable(container);
    }
}
