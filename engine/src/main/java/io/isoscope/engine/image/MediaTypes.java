package io.isoscope.engine.image;

import java.util.Set;

/** The OCI (and equivalent Docker) media types the store writes and reads. Constants only. */
final class MediaTypes {

    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** Manifest types whose shape is the OCI image manifest's. */
    static final Set<String> MANIFESTS = Set.of(MANIFEST, "application/vnd.docker.distribution.manifest.v2+json");
    /** Layer types the unpacker understands: gzip-compressed tars. */
    static final Set<String> GZIP_LAYERS = Set.of(LAYER_GZIP, "application/vnd.docker.image.rootfs.diff.tar.gzip");

    private MediaTypes() {
    }
}
