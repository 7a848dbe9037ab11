package io.isoscope.engine.image;

import java.nio.file.Path;

/**
 * A layer made from a directory: the {@code .tar.gz} file and its two digests. Immutable, thread-safe.
 *
 * @param file   the compressed tar
 * @param digest sha256 of {@code file} (the blob digest)
 * @param diffId sha256 of the uncompressed tar (the config's {@code rootfs.diff_ids} entry)
 */
record LayerArchive(Path file, String digest, String diffId) {
}
