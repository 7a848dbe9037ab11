package io.isoscope.engine.image;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * An OCI content descriptor: what a blob is, its digest and size, and optional annotations. Immutable, thread-safe.
 *
 * @param mediaType   the blob's media type
 * @param digest      {@code sha256:<hex>}
 * @param size        the blob's length in bytes
 * @param annotations e.g. {@code org.opencontainers.image.ref.name}; omitted from JSON when empty
 */
record OciDescriptor(String mediaType, String digest, long size,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    /** The annotation that names an image in an OCI layout's index. */
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    OciDescriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** A descriptor without annotations. */
    static OciDescriptor of(String mediaType, String digest, long size) {
        return new OciDescriptor(mediaType, digest, size, Map.of());
    }

    /** The same descriptor carrying {@link #REF_NAME} = {@code name}. */
    OciDescriptor named(String name) {
        return new OciDescriptor(mediaType, digest, size, Map.of(REF_NAME, name));
    }

    /** The {@link #REF_NAME} annotation, or {@code null}. */
    String refName() {
        return annotations.get(REF_NAME);
    }
}
