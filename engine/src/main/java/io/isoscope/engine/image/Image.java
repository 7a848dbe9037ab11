package io.isoscope.engine.image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image in the store, read from its OCI manifest and config. Immutable, thread-safe.
 *
 * @param reference    normalised reference, e.g. {@code busybox:latest}
 * @param digest       manifest digest {@code sha256:...}
 * @param configDigest config blob digest {@code sha256:...}
 * @param layerDigests compressed layer blob digests, bottom layer first (manifest order)
 * @param diffIds      digests of the uncompressed layer tars, bottom layer first
 * @param config       the runtime defaults the image carries
 * @param sizeBytes    compressed size of its layers
 * @param created      when it was made, from its config
 */
public record Image(String reference, String digest, String configDigest, List<String> layerDigests,
                    List<String> diffIds, ImageConfig config, long sizeBytes, Instant created) {

    public Image {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(config, "config");
        layerDigests = List.copyOf(layerDigests);
        diffIds = List.copyOf(diffIds);
        if (layerDigests.size() != diffIds.size()) {
            throw new IllegalArgumentException("image " + reference + " has " + layerDigests.size()
                    + " layers but " + diffIds.size() + " diff ids");
        }
    }
}
