package io.isoscope.engine.api;

import java.util.List;

/**
 * What {@code isoscope inspect} prints for some containers: a JSON array with one object per {@link ContainerInfo}
 * (its record components in order, times as ISO-8601 text, enums by name), indented with four spaces like
 * {@code docker inspect}. The CLI prints it and the GUI's Details view shows it, so both say the same.
 * Immutable, thread-safe.
 *
 * @param containers the containers, in the order asked for
 */
public record InspectDocument(List<ContainerInfo> containers) {

    /** Copies the list. */
    public InspectDocument {
        containers = List.copyOf(containers);
    }

    /** The document of one container. */
    public static InspectDocument of(ContainerInfo container) {
        return new InspectDocument(List.of(container));
    }

    /** The JSON text, without a trailing newline. */
    public String json() {
        return new JsonText().write(containers);
    }
}
