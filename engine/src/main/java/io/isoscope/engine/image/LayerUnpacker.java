package io.isoscope.engine.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks layer blobs into {@code layers/<diff-id hex>/}, each once, for use as overlayfs lower directories. A
 * directory appears there only by an atomic rename after the archive checked out (gzip sound, diff id right, no
 * member escaping the directory), so an existing one is trusted; anything a failure leaves is removed.
 * Calls for the same layer must be serialised by the caller; a concurrent process doing the same is harmless.
 */
final class LayerUnpacker {

    /** Names of work directories in the layers directory start with this. */
    static final String TEMP_PREFIX = ".tmp-";

    private final Path layersDir;

    /** An unpacker into {@code layersDir}. */
    LayerUnpacker(Path layersDir) {
        this.layersDir = layersDir;
    }

    /** The directory a layer with {@code diffId} unpacks to (it may not exist yet). */
    Path directoryOf(String diffId) {
        return layersDir.resolve(Digests.hex(diffId));
    }

    /**
     * Unpacks {@code blob} (whose digest the caller verified to be {@code digest}) unless already done, and returns
     * its directory.
     */
    Path unpack(Path blob, String digest, String diffId) throws IOException {
        Path target = directoryOf(diffId);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(layersDir);
        // A fresh directory per attempt: its mtime says how old it is, so crash leftovers can be told from work in
        // progress; tar sets the mtime of what it extracts (to the archive's), hence the rootfs one level down.
        Path work = Files.createTempDirectory(layersDir, TEMP_PREFIX);
        try {
            checkDiffId(blob, digest, diffId);
            checkMemberNames(blob, digest, work);
            Path rootfs = Files.createDirectory(work.resolve("rootfs"));
            Path stderr = work.resolve("tar-extract.stderr");
            List<String> argv = List.of("tar", "-x", "-z", "--numeric-owner", "-f", blob.toString(),
                    "-C", rootfs.toString());
            HostTool.awaitSuccess(HostTool.start(HostTool.builder(argv, stderr)), stderr,
                    "unpacking layer blob " + digest);
            try {
                StoreFiles.moveAtomically(rootfs, target);
            } catch (FileSystemException e) {
                // Another process unpacked the same layer meanwhile: its result is as good as ours.
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            return target;
        } finally {
            StoreFiles.deleteRecursively(work);
        }
    }

    private static void checkDiffId(Path blob, String digest, String diffId) throws IOException {
        MessageDigest hasher = Digests.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob), buffer.length)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                hasher.update(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw new IOException("layer blob " + digest + " (" + blob + ") is not a valid gzip archive: "
                    + e.getMessage(), e);
        }
        String actual = Digests.format(hasher);
        if (!actual.equals(diffId)) {
            throw new IOException("layer blob " + digest + " (" + blob + ") is corrupt: its uncompressed content"
                    + " hashes to " + actual + ", the image config says " + diffId);
        }
    }

    // GNU tar already refuses ".." members and strips a leading "/", but silently or with only a warning; checking
    // first gives a clear error and never extracts half an archive. Whiteouts are refused because overlayfs does not
    // understand OCI's ".wh." files: honouring them would need a conversion this store (which only holds layers it
    // made itself) does not do.
    private static void checkMemberNames(Path blob, String digest, Path work) throws IOException {
        Path names = work.resolve("members.txt");
        Path stderr = work.resolve("tar-list.stderr");
        List<String> argv = List.of("tar", "-t", "-z", "-f", blob.toString());
        Process tar = HostTool.start(HostTool.builder(argv, stderr).redirectOutput(names.toFile()));
        try {
            HostTool.awaitSuccess(tar, stderr, "reading layer blob " + digest);
        } catch (IOException e) {
            throw new IOException("layer blob " + digest + " (" + blob + ") is not a valid tar.gz archive: "
                    + e.getMessage(), e);
        }
        for (String name : Files.readAllLines(names, StandardCharsets.ISO_8859_1)) {
            String problem = problemWith(name);
            if (problem != null) {
                throw new IOException("layer blob " + digest + " (" + blob + ") is malformed: member \"" + name
                        + "\" " + problem + "; refusing to unpack it");
            }
        }
    }

    private static String problemWith(String name) {
        if (name.startsWith("/")) {
            return "has an absolute name";
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return "climbs out with \"..\"";
            }
            if (part.startsWith(".wh.")) {
                return "is an OCI whiteout, which this store does not support";
            }
        }
        return null;
    }
}
