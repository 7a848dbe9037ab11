package io.isoscope.engine.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The OCI image config blob: platform, creation time, runtime defaults and the layers' diff ids.
 * Immutable, thread-safe.
 *
 * @param created      RFC 3339 creation time
 * @param architecture e.g. {@code amd64}
 * @param os           {@code linux}
 * @param config       runtime defaults
 * @param rootfs       the uncompressed layer digests
 * @param history      how each layer was made
 */
record OciImageConfig(String created, String architecture, String os, ContainerDefaults config, RootFs rootfs,
                      List<History> history) {

    /**
     * The runtime defaults, with Docker's capitalised field names.
     *
     * @param env        {@code KEY=VALUE} entries
     * @param cmd        default command
     * @param entrypoint entrypoint
     * @param workingDir working directory
     * @param user       user
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ContainerDefaults(@JsonProperty("Env") List<String> env, @JsonProperty("Cmd") List<String> cmd,
                             @JsonProperty("Entrypoint") List<String> entrypoint,
                             @JsonProperty("WorkingDir") String workingDir, @JsonProperty("User") String user) {

        /** The public view of these defaults. */
        ImageConfig toImageConfig() {
            return new ImageConfig(env, cmd, entrypoint, workingDir, user);
        }
    }

    /**
     * The layer chain.
     *
     * @param type    always {@code layers}
     * @param diffIds digests of the uncompressed layer tars, bottom first
     */
    record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {

        RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /**
     * One history entry.
     *
     * @param created   RFC 3339 time
     * @param createdBy what made the layer
     */
    record History(String created, @JsonProperty("created_by") String createdBy) {
    }
}
