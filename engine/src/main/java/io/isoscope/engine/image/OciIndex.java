package io.isoscope.engine.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code index.json} of an OCI image layout: the named entry points into the blob store. Immutable, thread-safe.
 *
 * @param schemaVersion always 2
 * @param mediaType     {@link MediaTypes#INDEX}
 * @param manifests     one descriptor per image manifest
 */
record OciIndex(int schemaVersion, String mediaType, List<OciDescriptor> manifests) {

    OciIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    /** An index with no images. */
    static OciIndex empty() {
        return new OciIndex(2, MediaTypes.INDEX, List.of());
    }

    /** This index with {@code manifest} as the only entry carrying its ref name (an older one is replaced). */
    OciIndex with(OciDescriptor manifest) {
        List<OciDescriptor> kept = new ArrayList<>();
        for (OciDescriptor d : manifests) {
            if (!manifest.refName().equals(d.refName())) {
                kept.add(d);
            }
        }
        kept.add(manifest);
        return new OciIndex(2, MediaTypes.INDEX, kept);
    }
}
