package io.isoscope.engine.image;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's image store: an OCI image layout in {@code root/oci}, layers unpacked once into
 * {@code root/layers/<diff-id hex>/} for overlayfs, and the built-in {@code busybox:latest}, made from the host's
 * busybox-static the first time it is asked for. Thread-safe: one lock serialises building and unpacking in this
 * process, and every file appears by an atomic rename, so another process (or a crash) never leaves anything
 * half-made that is later trusted.
 */
public final class ImageStore {

    // Leftovers of a crashed operation are removed once they are this old; younger ones may be another process's.
    private static final Duration STALE_AFTER = Duration.ofHours(1);

    private final Path tmpDir;
    private final Path layersDir;
    private final OciLayout layout;
    private final ImageLoader loader;
    /** Manifests are content-addressed: a name and digest, once loaded and verified, always mean the same image. */
    private final Map<String, Image> loaded = new ConcurrentHashMap<>();
    private final LayerUnpacker unpacker;
    private final BuiltinImageWriter writer;
    private final BuiltinImage builtin;
    private final ImageReference builtinReference;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean leftoversSwept; // guarded by lock

    /**
     * A store in {@code root} (normally {@code STATE/images}) whose built-in busybox image is made from
     * {@code busyboxBinary} (normally {@code /bin/busybox}). Touches no file until used.
     */
    public ImageStore(Path root, Path busyboxBinary) {
        this(root, new BusyboxImage(busyboxBinary), Clock.systemUTC());
    }

    /** A store whose built-in image is {@code builtin} and whose clock dates crash leftovers. */
    ImageStore(Path root, BuiltinImage builtin, Clock clock) {
        OciJson json = new OciJson();
        this.tmpDir = root.resolve("tmp");
        this.layersDir = root.resolve("layers");
        this.layout = new OciLayout(root.resolve("oci"), tmpDir, json);
        this.loader = new ImageLoader(layout, json);
        this.unpacker = new LayerUnpacker(layersDir);
        this.writer = new BuiltinImageWriter(layout, json, new LayerArchiver(), tmpDir);
        this.builtin = builtin;
        this.builtinReference = ImageReference.parse(builtin.reference());
        this.clock = clock;
    }

    /**
     * Docker's normalised form of {@code reference}: {@code busybox}, {@code library/busybox} and
     * {@code docker.io/library/busybox:latest} all become {@code busybox:latest}. A reference outside docker's
     * grammar (uppercase, spaces, empty, bad characters) is an {@link EngineException} (INVALID_SPEC). Thread-safe.
     */
    public static String normalize(String reference) {
        return ImageReference.parse(reference).toString();
    }

    /**
     * The image {@code reference} names, making the built-in busybox image first if that is the one asked for and
     * it is not there yet. A digest reference ({@code busybox@sha256:...}) matches the image with that manifest
     * digest; the result carries the name it is stored under. Throws {@link EngineException}: IMAGE_NOT_FOUND for
     * an image the store does not have, INVALID_SPEC for a malformed reference, RUNTIME_UNAVAILABLE when the host
     * cannot provide the built-in image, IO when the store is damaged. Thread-safe.
     */
    public Image resolve(String reference) {
        ImageReference wanted = ImageReference.parse(reference);
        try {
            Optional<Image> found = find(wanted);
            if (found.isEmpty() && isBuiltin(wanted)) {
                lock.lock();
                try {
                    if (find(builtinReference).isEmpty()) {
                        sweepLeftovers();
                        writer.write(builtin);
                    }
                } finally {
                    lock.unlock();
                }
                found = find(wanted);
            }
            return found.orElseThrow(() -> new EngineException(EngineException.Kind.IMAGE_NOT_FOUND,
                    "No such image: " + wanted + " (no registry is reachable from this engine; built-in images: "
                            + builtinReference + ")"));
        } catch (IOException e) {
            throw ioFailure("cannot resolve image " + wanted, e);
        }
    }

    /** The images in the store, by reference; does not make the built-in image. Throws IO when damaged. Thread-safe. */
    public List<Image> list() {
        try {
            List<Image> images = new ArrayList<>();
            for (OciDescriptor entry : layout.readIndex().manifests()) {
                if (entry.refName() != null) {
                    images.add(load(entry));
                }
            }
            images.sort(Comparator.comparing(Image::reference));
            return images;
        } catch (IOException e) {
            throw ioFailure("cannot list images", e);
        }
    }

    /**
     * The image's unpacked layer directories, topmost first (the order of overlayfs's {@code lowerdir}), unpacking
     * each layer the first time after checking its blob's digest and diff id. A corrupt or malformed blob is an
     * {@link EngineException} (IO) naming it, and leaves no directory behind. The directories must not be
     * modified. Thread-safe.
     */
    public List<Path> layerDirs(Image image) {
        List<Path> dirs = new ArrayList<>();
        for (int i = image.layerDigests().size() - 1; i >= 0; i--) {
            String digest = image.layerDigests().get(i);
            String diffId = image.diffIds().get(i);
            try {
                dirs.add(unpacked(digest, diffId));
            } catch (IOException | IllegalArgumentException e) {
                throw ioFailure("image " + image.reference() + ": cannot unpack its layer", e);
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * What {@code execvp(command)} would find inside the image: a path ({@code /bin/busybox}, {@code ./x},
     * relative to the image's working directory) or a name looked up in {@code pathEnv} ({@code null}: the image's
     * {@code PATH}, else the default one), following symbolic links inside the image only. Returns the in-image
     * path of a regular executable file ({@code sh} gives {@code /bin/sh}), or empty. Unpacks the layers if
     * needed. Thread-safe.
     */
    public Optional<String> resolveExecutable(Image image, String command, String pathEnv) {
        String path = pathEnv != null ? pathEnv : image.config().path().orElse(BusyboxImage.DEFAULT_PATH);
        return new RootfsView(layerDirs(image)).findExecutable(command, path, image.config().workingDir());
    }

    private Path unpacked(String digest, String diffId) throws IOException {
        Path dir = unpacker.directoryOf(diffId);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        lock.lock();
        try {
            sweepLeftovers();
            Path blob = layout.verifiedBlob(digest, "layer");
            return unpacker.unpack(blob, digest, diffId);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Image> find(ImageReference wanted) throws IOException {
        for (OciDescriptor entry : layout.readIndex().manifests()) {
            if (entry.refName() != null && matches(entry, wanted)) {
                return Optional.of(load(entry));
            }
        }
        return Optional.empty();
    }

    private Image load(OciDescriptor entry) throws IOException {
        String key = entry.refName() + "@" + entry.digest();
        Image image = loaded.get(key);
        if (image == null) {
            image = loader.load(entry.refName(), entry);
            loaded.put(key, image);
        }
        return image;
    }

    private static boolean matches(OciDescriptor entry, ImageReference wanted) {
        ImageReference stored;
        try {
            stored = ImageReference.parse(entry.refName());
        } catch (EngineException notOurs) {
            // Another tool may name entries by bare tag ("latest"); such an entry simply matches nothing.
            return false;
        }
        if (wanted.digest() != null) {
            return stored.repository().equals(wanted.repository()) && entry.digest().equals(wanted.digest());
        }
        return stored.name().equals(wanted.name());
    }

    private boolean isBuiltin(ImageReference wanted) {
        return wanted.repository().equals(builtinReference.repository())
                && (wanted.digest() != null || builtinReference.tag().equals(wanted.tag()));
    }

    private void sweepLeftovers() throws IOException {
        if (!leftoversSwept) {
            StoreFiles.deleteStale(tmpDir, "", STALE_AFTER, clock.instant());
            StoreFiles.deleteStale(layersDir, LayerUnpacker.TEMP_PREFIX, STALE_AFTER, clock.instant());
            leftoversSwept = true;
        }
    }

    private static EngineException ioFailure(String context, Exception e) {
        return new EngineException(EngineException.Kind.IO, context + ": " + e.getMessage(), e);
    }
}
