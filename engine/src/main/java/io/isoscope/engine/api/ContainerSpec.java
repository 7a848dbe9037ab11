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
 * @param memoryMiB  memory limit in MiB ({@code --memory}); for hyperv the VM's RAM; 0 = the default
 * @param cpus       CPU limit ({@code --cpus}); for hyperv the VM's vCPUs; 0 = the default
 * @param pidsLimit  most processes the container may have at once ({@code --pids-limit}); 0 = the default
 *                   ({@value #DEFAULT_PIDS_LIMIT}), {@link #NO_PIDS_LIMIT} = none; process isolation only
 * @param tty        run on a terminal with stdin open ({@code -it}), so a console can attach to it
 */
public record ContainerSpec(String image, List<String> command, String name, Isolation isolation,
                            List<String> env, boolean autoRemove, int memoryMiB, int cpus, int pidsLimit, boolean tty) {

    /** The pids limit of a process-isolated container that names none. */
    public static final int DEFAULT_PIDS_LIMIT = 4096;
    /** The {@code pidsLimit} that asks for no limit at all (docker's {@code --pids-limit -1}). */
    public static final int NO_PIDS_LIMIT = -1;

    /** A spec with default limits. */
    public ContainerSpec(String image, List<String> command, String name, Isolation isolation, List<String> env,
                         boolean autoRemove) {
        this(image, command, name, isolation, env, autoRemove, 0, 0, 0, false);
    }

    /** A spec with the default pids limit. */
    public ContainerSpec(String image, List<String> command, String name, Isolation isolation, List<String> env,
                         boolean autoRemove, int memoryMiB, int cpus) {
        this(image, command, name, isolation, env, autoRemove, memoryMiB, cpus, 0, false);
    }

    /** A spec without a terminal. */
    public ContainerSpec(String image, List<String> command, String name, Isolation isolation, List<String> env,
                         boolean autoRemove, int memoryMiB, int cpus, int pidsLimit) {
        this(image, command, name, isolation, env, autoRemove, memoryMiB, cpus, pidsLimit, false);
    }

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
        return new ContainerSpec(image, command, newName, isolation, env, autoRemove, memoryMiB, cpus, pidsLimit, tty);
    }

    /** The same spec with other memory and CPU limits (0 = the default). */
    public ContainerSpec withLimits(int newMemoryMiB, int newCpus) {
        return new ContainerSpec(image, command, name, isolation, env, autoRemove, newMemoryMiB, newCpus, pidsLimit, tty);
    }

    /** The same spec with another pids limit (0 = the default, {@link #NO_PIDS_LIMIT} = none). */
    public ContainerSpec withPidsLimit(int newPidsLimit) {
        return new ContainerSpec(image, command, name, isolation, env, autoRemove, memoryMiB, cpus, newPidsLimit, tty);
    }

    /** The same spec on a terminal or not ({@code -it}). */
    public ContainerSpec withTty(boolean newTty) {
        return new ContainerSpec(image, command, name, isolation, env, autoRemove, memoryMiB, cpus, pidsLimit, newTty);
    }
}
