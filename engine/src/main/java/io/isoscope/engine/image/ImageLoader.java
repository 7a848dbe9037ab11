package io.isoscope.engine.image;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads an {@link Image} from its manifest and config blobs, checking digests and shapes. Thread-safe. */
final class ImageLoader {

    private final OciLayout layout;
    private final OciJson json;

    /** A loader reading from {@code layout}. */
    ImageLoader(OciLayout layout, OciJson json) {
        this.layout = layout;
        this.json = json;
    }

    /** The image named {@code name} whose manifest {@code manifestBlob} describes. */
    Image load(String name, OciDescriptor manifestBlob) throws IOException {
        try {
            return read(name, manifestBlob);
        } catch (IOException e) {
            throw new IOException("image " + name + ": " + e.getMessage(), e);
        }
    }

    private Image read(String name, OciDescriptor manifestBlob) throws IOException {
        if (!MediaTypes.MANIFESTS.contains(manifestBlob.mediaType())) {
            throw new IOException("its index entry has media type " + manifestBlob.mediaType()
                    + "; only single-platform image manifests are supported");
        }
        OciManifest manifest = json.read(layout.readDocument(manifestBlob, "manifest"), OciManifest.class,
                "manifest blob " + manifestBlob.digest());
        if (manifest.config() == null) {
            throw new IOException("manifest blob " + manifestBlob.digest() + " names no config");
        }
        OciImageConfig config = json.read(layout.readDocument(manifest.config(), "config"), OciImageConfig.class,
                "config blob " + manifest.config().digest());
        List<String> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException("manifest blob " + manifestBlob.digest() + " has " + manifest.layers().size()
                    + " layers but config blob " + manifest.config().digest() + " has " + diffIds.size()
                    + " diff ids");
        }
        long size = 0;
        for (OciDescriptor layer : manifest.layers()) {
            if (!MediaTypes.GZIP_LAYERS.contains(layer.mediaType())) {
                throw new IOException("layer blob " + layer.digest() + " has media type " + layer.mediaType()
                        + "; only gzip-compressed tar layers are supported");
            }
            size += layer.size();
        }
        for (String diffId : diffIds) {
            if (!Digests.isValid(diffId)) {
                throw new IOException("config blob " + manifest.config().digest() + " has a diff id \"" + diffId
                        + "\" that is not a sha256 digest");
            }
        }
        ImageConfig defaults = config.config() == null
                ? new ImageConfig(null, null, null, null, null) : config.config().toImageConfig();
        return new Image(name, manifestBlob.digest(), manifest.config().digest(),
                manifest.layers().stream().map(OciDescriptor::digest).toList(), diffIds, defaults, size,
                created(config, manifest.config().digest()));
    }

    private static Instant created(OciImageConfig config, String configDigest) throws IOException {
        if (config.created() == null) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(config.created()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("config blob " + configDigest + " has a malformed created time \""
                    + config.created() + "\"", e);
        }
    }
}
