package io.isoscope.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the engine keeps its state and which host tools it uses. Immutable, thread-safe.
 *
 * @param stateDir           root of the engine's state (database, images, containers)
 * @param runcPath           the OCI runtime binary, or {@code null} to search {@code PATH}
 * @param defaultStopTimeout grace period between SIGTERM and SIGKILL when none is given
 * @param guestDir           where the VM runtime finds the guest kernel ({@code vmlinuz}) and agent ({@code isoscope-agent})
 * @param qemuPath           the {@code qemu-system-x86_64} binary, or {@code null} to search the usual directories
 */
public record EngineConfig(Path stateDir, Path runcPath, Duration defaultStopTimeout, Path guestDir, Path qemuPath) {

    /** A config that finds QEMU itself. */
    public EngineConfig(Path stateDir, Path runcPath, Duration defaultStopTimeout, Path guestDir) {
        this(stateDir, runcPath, defaultStopTimeout, guestDir, null);
    }

    /** The environment variable that names the directory holding the guest kernel and agent. */
    public static final String GUEST_VARIABLE = "ISOSCOPE_GUEST_DIR";

    /** A config with the default guest directory. */
    public EngineConfig(Path stateDir, Path runcPath, Duration defaultStopTimeout) {
        this(stateDir, runcPath, defaultStopTimeout, defaultGuestDir(System.getenv(), "root".equals(System.getProperty("user.name"))));
    }

    /**
     * Where installer/fetch-guest-kernel.sh and installer/build-guest.sh put the guest's files:
     * {@code $ISOSCOPE_GUEST_DIR}, else {@code /var/cache/isoscope/guest} as root, else
     * {@code $XDG_CACHE_HOME/isoscope/guest} (or {@code ~/.cache/isoscope/guest}).
     */
    public static Path defaultGuestDir(Map<String, String> env, boolean root) {
        String dir = env.get(GUEST_VARIABLE);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        if (root) {
            return Path.of("/var/cache/isoscope/guest");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "isoscope", "guest")
                : Path.of(System.getProperty("user.home"), ".cache", "isoscope", "guest");
    }

    /** The environment variable that overrides the state directory. */
    public static final String HOME_VARIABLE = "ISOSCOPE_HOME";

    /** The environment variable that names the runc binary to use instead of the one on PATH. */
    public static final String RUNC_VARIABLE = "ISOSCOPE_RUNC";

    /** The environment variable that names the QEMU binary to use instead of the one found in /usr/bin. */
    public static final String QEMU_VARIABLE = "ISOSCOPE_QEMU";

    /**
     * The config the environment asks for: {@link #defaultStateDir}, {@code $ISOSCOPE_RUNC}, {@code $ISOSCOPE_QEMU}
     * and {@link #defaultGuestDir}.
     */
    public static EngineConfig fromEnvironment(Map<String, String> env, boolean root) {
        return new EngineConfig(defaultStateDir(env, root), pathOrNull(env.get(RUNC_VARIABLE)),
                Duration.ofSeconds(10), defaultGuestDir(env, root), pathOrNull(env.get(QEMU_VARIABLE)));
    }

    /**
     * This config with the given tool paths where they are not {@code null} (e.g. the app's settings over the
     * environment's); a {@code null} keeps the current value.
     */
    public EngineConfig withPaths(Path runc, Path qemu, Path guest) {
        return new EngineConfig(stateDir, runc != null ? runc : runcPath, defaultStopTimeout,
                guest != null ? guest : guestDir, qemu != null ? qemu : qemuPath);
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    /** A config for {@code stateDir} with defaults for the rest. */
    public static EngineConfig at(Path stateDir) {
        return new EngineConfig(stateDir, null, Duration.ofSeconds(10));
    }

    /**
     * The default state directory: {@code $ISOSCOPE_HOME} if set; {@code /var/lib/isoscope} as root;
     * {@code $XDG_DATA_HOME/isoscope} (or {@code ~/.local/share/isoscope}) otherwise.
     */
    public static Path defaultStateDir(Map<String, String> env, boolean root) {
        String home = env.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        if (root) {
            return Path.of("/var/lib/isoscope");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "isoscope");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "isoscope");
    }
}
