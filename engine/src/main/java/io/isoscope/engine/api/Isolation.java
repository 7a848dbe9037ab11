package io.isoscope.engine.api;

import java.util.Locale;

/** How a container is separated from the host. Immutable, thread-safe. */
public enum Isolation {
    /** Linux namespaces run by an OCI runtime: the host kernel runs the container's processes. */
    PROCESS("process", "Process"),
    /** A utility VM per container: the host only sees the VM worker process ({@code vmwp}). */
    HYPERV("hyperv", "Hyper-V");

    private final String dockerName;
    private final String label;

    Isolation(String dockerName, String label) {
        this.dockerName = dockerName;
        this.label = label;
    }

    /** The value of docker's {@code --isolation=} flag. */
    public String dockerName() {
        return dockerName;
    }

    /** A human label, e.g. "Hyper-V". */
    public String label() {
        return label;
    }

    /** Parses docker's spelling ("process", "hyperv", also "default" = process); throws {@link EngineException} otherwise. */
    public static Isolation parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "process":
            case "default":
                return PROCESS;
            case "hyperv":
            case "hyper-v":
                return HYPERV;
            default:
                throw new EngineException(EngineException.Kind.INVALID_SPEC,
                        "invalid isolation \"" + text + "\": use process or hyperv");
        }
    }
}
