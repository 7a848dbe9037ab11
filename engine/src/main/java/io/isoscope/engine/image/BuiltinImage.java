package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An image the store makes itself from files on the host, since no registry is reachable. It has one layer.
 * Implementations must be thread-safe.
 */
interface BuiltinImage {

    /** Its normalised reference, e.g. {@code busybox:latest}. */
    String reference();

    /**
     * Checks that the host can provide what the image is made of and returns the image's architecture
     * (e.g. {@code amd64}); otherwise throws {@link io.isoscope.engine.api.EngineException} (RUNTIME_UNAVAILABLE)
     * saying how to fix it.
     */
    String checkHost();

    /** Writes the image's root file system into the empty directory {@code staging}; {@code scratch} is for temp files. */
    void writeRootfs(Path staging, Path scratch) throws IOException;

    /** The runtime defaults the image carries. */
    ImageConfig config();

    /** Its creation time; derived from its sources, so that making it twice gives the same digest. */
    Instant created() throws IOException;

    /** The history line saying what made its layer. */
    String createdBy();
}
