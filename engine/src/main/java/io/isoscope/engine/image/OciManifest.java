package io.isoscope.engine.image;

import java.util.List;

/**
 * An OCI image manifest: the config blob and the layer blobs, bottom layer first. Immutable, thread-safe.
 *
 * @param schemaVersion always 2
 * @param mediaType     {@link MediaTypes#MANIFEST}
 * @param config        descriptor of the config blob
 * @param layers        descriptors of the layer blobs, bottom first
 */
record OciManifest(int schemaVersion, String mediaType, OciDescriptor config, List<OciDescriptor> layers) {

    OciManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
