package io.isoscope.engine.runtime.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The per-container monitor program ({@code isoscope-shim}, built from resources/shim by installer/build-shim.sh):
 * {@code $ISOSCOPE_SHIM} if set, else beside the guest agent in the guest directory. Immutable, thread-safe.
 *
 * @param path       the binary
 * @param configured whether {@code $ISOSCOPE_SHIM} named it (the fix for a missing one differs)
 */
public record MonitorBinary(Path path, boolean configured) {

    /** The environment variable naming the monitor binary to use. */
    public static final String VARIABLE = "ISOSCOPE_SHIM";
    /** Its file name in the guest directory. */
    public static final String FILE_NAME = "isoscope-shim";

    /** The monitor named by {@code env}, else the one in {@code guestDir}. */
    public static MonitorBinary locate(Map<String, String> env, Path guestDir) {
        String configured = env.get(VARIABLE);
        return configured != null && !configured.isBlank() ? new MonitorBinary(Path.of(configured), true)
                : new MonitorBinary(guestDir.resolve(FILE_NAME), false);
    }

    /** Whether the binary is there and executable. */
    public boolean usable() {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** Why it cannot be used, for readiness; null when it can. */
    String problem() {
        if (usable()) {
            return null;
        }
        return (configured ? "the configured container monitor ($" + VARIABLE + " = " + path + ")"
                : "the container monitor " + path) + (Files.exists(path) ? " is not executable" : " is missing");
    }

    /** The fix for {@link #problem()}. */
    String fix() {
        String build = "installer/build-shim.sh " + path;
        return configured ? "build it with " + build + ", or unset " + VARIABLE
                : "build it with " + build + " (./isoscope and ./run-tests build it on their first run)";
    }
}
