package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OCI image-layout directory: {@code oci-layout}, {@code index.json} and content-addressed
 * {@code blobs/sha256/<hex>}. Every file appears by an atomic rename, so a reader sees it whole or not at all, and a
 * blob is only ever named by its own digest. Reads are thread-safe; writes must be serialised by the caller.
 */
final class OciLayout {

    private static final String INDEX_FILE = "index.json";
    private static final String LAYOUT_FILE = "oci-layout";
    // Indexes, manifests and configs are small; a bigger one is damage, not something to load into memory.
    private static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;

    private final Path dir;
    private final Path tmpDir;
    private final OciJson json;

    /** A layout in {@code dir} whose temp files go to {@code tmpDir} (on the same file system). */
    OciLayout(Path dir, Path tmpDir, OciJson json) {
        this.dir = dir;
        this.tmpDir = tmpDir;
        this.json = json;
    }

    /** The {@code oci-layout} file's content. */
    record LayoutMarker(String imageLayoutVersion) {
    }

    /** The index, or an empty one when the layout has not been written yet. */
    OciIndex readIndex() throws IOException {
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.exists(index)) {
            return OciIndex.empty();
        }
        if (Files.size(index) > MAX_DOCUMENT_BYTES) {
            throw new IOException(index + " is larger than " + MAX_DOCUMENT_BYTES + " bytes: it is damaged");
        }
        return json.read(Files.readAllBytes(index), OciIndex.class, index.toString());
    }

    /** Replaces the index atomically, creating the layout around it if needed. */
    void writeIndex(OciIndex index) throws IOException {
        ensureLayout();
        StoreFiles.writeAtomically(dir.resolve(INDEX_FILE), json.write(index), tmpDir);
    }

    /** Where the blob with {@code digest} lives; an ill-formed digest (which could name any path) is refused. */
    Path blobPath(String digest) throws IOException {
        if (!Digests.isValid(digest)) {
            throw new IOException("\"" + digest + "\" in " + dir + " is not a sha256 digest");
        }
        return dir.resolve("blobs").resolve("sha256").resolve(Digests.hex(digest));
    }

    /** Stores {@code content} as a blob (a blob already there has the same content by construction). */
    OciDescriptor putBlob(String mediaType, byte[] content) throws IOException {
        String digest = Digests.of(content);
        Path target = blobPath(digest);
        if (!Files.exists(target)) {
            ensureLayout();
            StoreFiles.writeAtomically(target, content, tmpDir);
        }
        return OciDescriptor.of(mediaType, digest, content.length);
    }

    /**
     * Moves {@code file}, whose content hashes to {@code digest}, into the blob store. The file must be on the
     * store's file system; it is gone afterwards either way.
     */
    OciDescriptor adoptBlob(String mediaType, Path file, String digest) throws IOException {
        long size = Files.size(file);
        Path target = blobPath(digest);
        if (Files.exists(target)) {
            Files.delete(file);
        } else {
            ensureLayout();
            StoreFiles.moveAtomically(file, target);
        }
        return OciDescriptor.of(mediaType, digest, size);
    }

    /**
     * Reads a small JSON blob and checks it is what {@code descriptor} says: present, of that size and digest.
     * {@code what} names it in errors ("manifest", "config").
     */
    byte[] readDocument(OciDescriptor descriptor, String what) throws IOException {
        Path path = checkedBlob(descriptor, what);
        if (descriptor.size() > MAX_DOCUMENT_BYTES) {
            throw new IOException(what + " blob " + descriptor.digest() + " claims " + descriptor.size()
                    + " bytes, more than a " + what + " can be");
        }
        byte[] bytes = Files.readAllBytes(path);
        String actual = Digests.of(bytes);
        if (!actual.equals(descriptor.digest())) {
            throw corrupt(what, descriptor.digest(), path, actual);
        }
        return bytes;
    }

    /** Checks a (possibly large) blob by hashing it, and returns its path. {@code what} names it in errors. */
    Path verifiedBlob(String digest, String what) throws IOException {
        Path path = blobPath(digest);
        if (!Files.isRegularFile(path)) {
            throw missing(what, digest, path);
        }
        String actual = Digests.of(path);
        if (!actual.equals(digest)) {
            throw corrupt(what, digest, path, actual);
        }
        return path;
    }

    private Path checkedBlob(OciDescriptor descriptor, String what) throws IOException {
        Path path = blobPath(descriptor.digest());
        if (!Files.isRegularFile(path)) {
            throw missing(what, descriptor.digest(), path);
        }
        long size = Files.size(path);
        if (size != descriptor.size()) {
            throw new IOException(what + " blob " + descriptor.digest() + " (" + path + ") is corrupt: it holds "
                    + size + " bytes, the manifest says " + descriptor.size());
        }
        return path;
    }

    private static IOException missing(String what, String digest, Path path) {
        return new IOException(what + " blob " + digest + " is missing: " + path + " does not exist");
    }

    private static IOException corrupt(String what, String digest, Path path, String actual) {
        return new IOException(what + " blob " + digest + " (" + path + ") is corrupt: its content hashes to "
                + actual);
    }

    private void ensureLayout() throws IOException {
        Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        Path marker = dir.resolve(LAYOUT_FILE);
        if (!Files.exists(marker)) {
            StoreFiles.writeAtomically(marker, json.write(new LayoutMarker("1.0.0")), tmpDir);
        }
    }
}
