package io.isoscope.engine.image;

import java.util.List;
import java.util.Optional;

/**
 * The runtime defaults an image carries (the {@code config} section of its OCI config). Immutable, thread-safe.
 *
 * @param env        environment entries {@code KEY=VALUE}; never null
 * @param cmd        default command; never null, may be empty
 * @param entrypoint entrypoint prepended to the command; never null, may be empty
 * @param workingDir working directory inside the image; {@code /} when the image names none
 * @param user       user to run as; empty means the image's default (root)
 */
public record ImageConfig(List<String> env, List<String> cmd, List<String> entrypoint, String workingDir,
                          String user) {

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        // Docker treats an empty WorkingDir as the root; saying so here spares every caller the rule.
        workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
        user = user == null ? "" : user;
    }

    /** The value of {@code PATH} in {@link #env()}, or empty when the image sets none. */
    public Optional<String> path() {
        return env.stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).findFirst();
    }
}
