package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a {@link BuiltinImage} and adds it to the layout. Blobs go in first, each by an atomic rename; the index
 * entry, written last and atomically, is the commit point, so a crash before it leaves only unreferenced blobs and
 * never an image that is half there. Calls must be serialised by the caller.
 */
final class BuiltinImageWriter {

    private final OciLayout layout;
    private final OciJson json;
    private final LayerArchiver archiver;
    private final Path tmpDir;

    /** A writer into {@code layout} working in {@code tmpDir} (on the layout's file system). */
    BuiltinImageWriter(OciLayout layout, OciJson json, LayerArchiver archiver, Path tmpDir) {
        this.layout = layout;
        this.json = json;
        this.archiver = archiver;
        this.tmpDir = tmpDir;
    }

    /** Makes {@code image}, stores it and names it in the index; returns its (named) manifest descriptor. */
    OciDescriptor write(BuiltinImage image) throws IOException {
        String architecture = image.checkHost();
        Files.createDirectories(tmpDir);
        Path work = Files.createTempDirectory(tmpDir, "build-");
        try {
            Path staging = Files.createDirectory(work.resolve("rootfs"));
            image.writeRootfs(staging, work);
            LayerArchive layer = archiver.archive(staging, work);
            OciDescriptor layerBlob = layout.adoptBlob(MediaTypes.LAYER_GZIP, layer.file(), layer.digest());
            String created = image.created().toString();
            ImageConfig defaults = image.config();
            OciImageConfig config = new OciImageConfig(created, architecture, "linux",
                    new OciImageConfig.ContainerDefaults(defaults.env(), defaults.cmd(), defaults.entrypoint(),
                            defaults.workingDir(), defaults.user()),
                    new OciImageConfig.RootFs("layers", List.of(layer.diffId())),
                    List.of(new OciImageConfig.History(created, image.createdBy())));
            OciDescriptor configBlob = layout.putBlob(MediaTypes.CONFIG, json.write(config));
            OciManifest manifest = new OciManifest(2, MediaTypes.MANIFEST, configBlob, List.of(layerBlob));
            OciDescriptor named = layout.putBlob(MediaTypes.MANIFEST, json.write(manifest)).named(image.reference());
            layout.writeIndex(layout.readIndex().with(named));
            return named;
        } finally {
            StoreFiles.deleteRecursively(work);
        }
    }
}
