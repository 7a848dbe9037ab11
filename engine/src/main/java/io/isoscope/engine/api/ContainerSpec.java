package io.isoscope.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * What to run: the equivalent of one {@code docker run} command line. Immutable, thread-safe.
 *
 * @param image      image reference, e.g. {@code busybox} or {@code busybox:latest}
 * @param command    argv of the workload; empty means the image's default command
 * @param name       container name, or {@code null}/blank to let the engine pick one
 * @param isolation  process or hyperv
 * @param env        extra environment entries as {@code KEY=VALUE}
 * @param autoRemove remove the container once it exits ({@code --rm})
 */
public record ContainerSpec(String image, List<String> command, String name, Isolation isolation,
                            List<String> env, boolean autoRemove) {

    public ContainerSpec {
        Objects.requireNonNull(isolation, "isolation");
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? List.of() : List.copyOf(env);
        name = name == null || name.isBlank() ? null : name.trim();
        image = image == null ? "" : image.trim();
    }

    /** A spec with no name, no extra env, not auto-removed. */
    public static ContainerSpec of(String image, Isolation isolation, String... command) {
        return new ContainerSpec(image, List.of(command), null, isolation, List.of(), false);
    }

    /** The same spec under another name. */
    public ContainerSpec withName(String newName) {
        return new ContainerSpec(image, command, newName, isolation, env, autoRemove);
    }
}
