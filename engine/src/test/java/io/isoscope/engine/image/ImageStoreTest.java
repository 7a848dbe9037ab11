package io.isoscope.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageStoreTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path root;

    // The image's applet links point at /bin/busybox: removing them here spares JUnit's warning about each one.
    @AfterEach
    void removeStore() throws IOException {
        StoreFiles.deleteRecursively(root);
    }

    @Test
    void resolvesTheBuiltInBusyboxByAnyOfItsNames() throws IOException {
        ImageStore store = new ImageStore(root, BUSYBOX);

        Image image = store.resolve("busybox");

        assertThat(image.reference()).isEqualTo("busybox:latest");
        assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(image.layerDigests()).hasSize(1);
        assertThat(image.diffIds()).hasSize(1);
        assertThat(image.config().cmd()).containsExactly("sh");
        assertThat(image.config().env()).containsExactly("PATH=" + DEFAULT_PATH);
        assertThat(image.config().workingDir()).isEqualTo("/");
        assertThat(image.sizeBytes()).isEqualTo(Files.size(blob(image.layerDigests().get(0))));
        assertThat(image.created()).isEqualTo(Files.getLastModifiedTime(BUSYBOX).toInstant()
                .truncatedTo(ChronoUnit.SECONDS));
        assertThat(store.resolve("docker.io/library/busybox:latest")).isEqualTo(image);
        assertThat(store.resolve("library/busybox")).isEqualTo(image);
        assertThat(store.resolve("busybox@" + image.digest())).isEqualTo(image);
        assertThat(store.list()).containsExactly(image);
    }

    @Test
    void writesAValidOciImageLayout() throws IOException {
        Image image = new ImageStore(root, BUSYBOX).resolve("busybox");
        Path oci = root.resolve("oci");

        assertThat(json(oci.resolve("oci-layout")).get("imageLayoutVersion").asText()).isEqualTo("1.0.0");
        JsonNode index = json(oci.resolve("index.json"));
        assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(index.get("manifests")).hasSize(1);
        JsonNode entry = index.get("manifests").get(0);
        assertThat(entry.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(entry.get("digest").asText()).isEqualTo(image.digest());
        assertThat(entry.get("size").asLong()).isEqualTo(Files.size(blob(image.digest())));
        assertThat(entry.at("/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("busybox:latest");

        JsonNode manifest = json(blob(image.digest()));
        assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(manifest.at("/config/digest").asText()).isEqualTo(image.configDigest());
        JsonNode layer = manifest.get("layers").get(0);
        assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(layer.get("digest").asText()).isEqualTo(image.layerDigests().get(0));

        JsonNode config = json(blob(image.configDigest()));
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(Instant.parse(config.get("created").asText())).isEqualTo(image.created());
        assertThat(config.at("/config/Env/0").asText()).isEqualTo("PATH=" + DEFAULT_PATH);
        assertThat(config.at("/config/Cmd").toString()).isEqualTo("[\"sh\"]");
        assertThat(config.at("/rootfs/type").asText()).isEqualTo("layers");
        assertThat(config.at("/rootfs/diff_ids/0").asText())
                .isEqualTo(image.diffIds().get(0))
                .isEqualTo(sha256OfGunzipped(blob(image.layerDigests().get(0))));

        List<Path> blobs = list(oci.resolve("blobs/sha256"));
        assertThat(blobs).hasSize(3);
        for (Path blob : blobs) {
            assertThat(Digests.of(blob)).isEqualTo("sha256:" + blob.getFileName());
        }
        assertThat(list(root.resolve("tmp"))).as("no temp file is left").isEmpty();
    }

    @Test
    void aSecondStoreOnTheSameRootReusesTheImage() throws IOException {
        Image first = new ImageStore(root, BUSYBOX).resolve("busybox");
        Map<Path, FileTime> before = mtimes(root.resolve("oci"));
        CountingBusybox builtin = new CountingBusybox();

        Image second = new ImageStore(root, builtin, Clock.systemUTC()).resolve("busybox:latest");

        assertThat(second).isEqualTo(first);
        assertThat(builtin.builds()).isZero();
        assertThat(mtimes(root.resolve("oci"))).isEqualTo(before);
    }

    @Test
    void makingTheImageTwiceGivesTheSameDigests(@TempDir Path otherRoot) throws IOException {
        Image here = new ImageStore(root, BUSYBOX).resolve("busybox");
        Image there = new ImageStore(otherRoot, BUSYBOX).resolve("busybox");

        assertThat(there.layerDigests()).isEqualTo(here.layerDigests());
        assertThat(there.diffIds()).isEqualTo(here.diffIds());
        assertThat(there.digest()).isEqualTo(here.digest());
        StoreFiles.deleteRecursively(otherRoot);
    }

    @Test
    void listDoesNotMakeTheBuiltInImage() {
        ImageStore store = new ImageStore(root, BUSYBOX);

        assertThat(store.list()).isEmpty();
        assertThat(root.resolve("oci")).doesNotExist();
    }

    @Test
    void unpacksTheLayerWithBusyboxItsAppletsAndEtc() throws IOException {
        ImageStore store = new ImageStore(root, BUSYBOX);
        Image image = store.resolve("busybox");

        List<Path> dirs = store.layerDirs(image);

        assertThat(dirs).containsExactly(root.resolve("layers").resolve(image.diffIds().get(0).substring(7)));
        Path rootfs = dirs.get(0);
        Path busybox = rootfs.resolve("bin/busybox");
        assertThat(Files.isRegularFile(busybox, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.mismatch(busybox, BUSYBOX)).isEqualTo(-1L);
        assertThat(mode(busybox)).isEqualTo(0755);
        for (String applet : List.of("usr/bin/wget", "bin/sh", "bin/ping", "usr/bin/env")) {
            assertThat(Files.readSymbolicLink(rootfs.resolve(applet))).isEqualTo(Path.of("/bin/busybox"));
        }
        assertThat(rootfs.resolve("etc/passwd")).hasContent("root:x:0:0:root:/root:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false");
        assertThat(Files.readString(rootfs.resolve("etc/hosts"))).contains("127.0.0.1\tlocalhost")
                .contains("::1\tlocalhost ip6-localhost");
        assertThat(rootfs.resolve("etc/group")).exists();
        for (String dir : List.of("proc", "sys", "dev", "root", "etc")) {
            assertThat(rootfs.resolve(dir)).isDirectory();
        }
        assertThat(mode(rootfs.resolve("tmp"))).isEqualTo(01777);
        assertThat(Files.getAttribute(busybox, "unix:uid")).isEqualTo(0);
        assertThat(list(root.resolve("layers"))).as("no temp dir is left").containsExactly(rootfs);
        Object inode = Files.getAttribute(rootfs, "unix:ino");
        assertThat(new ImageStore(root, BUSYBOX).layerDirs(image)).containsExactly(rootfs);
        assertThat(Files.getAttribute(rootfs, "unix:ino")).as("unpacked once").isEqualTo(inode);
    }

    @Test
    void resolvesExecutablesLikeExecvpInsideTheImage() {
        ImageStore store = new ImageStore(root, BUSYBOX);
        Image image = store.resolve("busybox");

        assertThat(store.resolveExecutable(image, "ping", null)).contains("/bin/ping");
        assertThat(store.resolveExecutable(image, "sh", DEFAULT_PATH)).contains("/bin/sh");
        assertThat(store.resolveExecutable(image, "wget", DEFAULT_PATH)).contains("/usr/bin/wget");
        assertThat(store.resolveExecutable(image, "/bin/busybox", null)).contains("/bin/busybox");
        assertThat(store.resolveExecutable(image, "./bin/busybox", null)).contains("/bin/busybox");
        assertThat(store.resolveExecutable(image, "nope", null)).isEmpty();
        assertThat(store.resolveExecutable(image, "/bin/nope", null)).isEmpty();
        assertThat(store.resolveExecutable(image, "sh", "/nowhere")).isEmpty();
        assertThat(store.resolveExecutable(image, "/etc/passwd", null)).as("not executable").isEmpty();
        assertThat(store.resolveExecutable(image, "java", null)).as("a host-only program").isEmpty();
    }

    @Test
    void aLinkThatEscapesTheRootfsFindsNothing(@TempDir Path outside) throws IOException {
        ImageStore store = new ImageStore(root, BUSYBOX);
        Image image = store.resolve("busybox");
        Path rootfs = store.layerDirs(image).get(0);
        Path hostOnly = Files.copy(BUSYBOX, outside.resolve("hosttool"));
        Files.createSymbolicLink(rootfs.resolve("bin/escape"), hostOnly);
        Files.createSymbolicLink(rootfs.resolve("bin/climb"), Path.of("../../../../../.." + hostOnly));

        try {
            assertThat(Files.isExecutable(rootfs.resolve("bin/escape"))).as("the host could follow it").isTrue();
            assertThat(store.resolveExecutable(image, "escape", null)).isEmpty();
            assertThat(store.resolveExecutable(image, "/bin/escape", null)).isEmpty();
            assertThat(store.resolveExecutable(image, "climb", null)).isEmpty();
        } finally {
            Files.delete(rootfs.resolve("bin/escape"));
            Files.delete(rootfs.resolve("bin/climb"));
        }
    }

    @Test
    void anUnknownImageIsNotFoundAndNothingIsMade() {
        ImageStore store = new ImageStore(root, BUSYBOX);

        for (String reference : List.of("foo", "docker.io/library/foo:latest")) {
            assertThatThrownBy(() -> store.resolve(reference))
                    .isInstanceOfSatisfying(EngineException.class,
                            e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND))
                    .hasMessage("No such image: foo:latest (no registry is reachable from this engine;"
                            + " built-in images: busybox:latest)");
        }
        assertThatThrownBy(() -> store.resolve("busybox:1.36"))
                .hasMessageStartingWith("No such image: busybox:1.36 (");
        assertThat(root.resolve("oci")).doesNotExist();
    }

    @Test
    void aDigestThatIsNotTheBuiltInImagesIsNotFound() {
        ImageStore store = new ImageStore(root, BUSYBOX);
        String wrong = "busybox@sha256:" + "0".repeat(64);

        assertThatThrownBy(() -> store.resolve(wrong))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND))
                .hasMessageStartingWith("No such image: " + wrong + " (");
    }

    @Test
    void aMalformedReferenceIsAnInvalidSpec() {
        assertThatThrownBy(() -> new ImageStore(root, BUSYBOX).resolve("Busy Box"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.INVALID_SPEC))
                .hasMessageStartingWith("invalid reference format: ");
    }

    @Test
    void aCorruptLayerBlobIsAnIoErrorAndLeavesNoLayerDirectory() throws IOException {
        Image image = new ImageStore(root, BUSYBOX).resolve("busybox");
        Path layer = blob(image.layerDigests().get(0));
        byte[] bytes = Files.readAllBytes(layer);
        for (int i = 1000; i < 1100; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(layer, bytes);
        ImageStore store = new ImageStore(root, BUSYBOX);

        assertThatThrownBy(() -> store.layerDirs(image))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO))
                .hasMessageContaining("image busybox:latest")
                .hasMessageContaining("layer blob " + image.layerDigests().get(0))
                .hasMessageContaining("is corrupt");
        assertThat(list(root.resolve("layers"))).isEmpty();
        assertThat(store.list()).as("the image itself is kept").containsExactly(image);
    }

    @Test
    void aCorruptConfigBlobIsAnIoErrorNamingIt() throws IOException {
        Image image = new ImageStore(root, BUSYBOX).resolve("busybox");
        Path config = blob(image.configDigest());
        Files.writeString(config, Files.readString(config).replace("amd64", "arm64"));

        assertThatThrownBy(() -> new ImageStore(root, BUSYBOX).resolve("busybox"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO))
                .hasMessageContaining("config blob " + image.configDigest())
                .hasMessageContaining("is corrupt");
    }

    @Test
    void aMalformedIndexIsAnIoErrorNamingIt() throws IOException {
        new ImageStore(root, BUSYBOX).resolve("busybox");
        Files.writeString(root.resolve("oci/index.json"), "{\"manifests\": [");

        assertThatThrownBy(() -> new ImageStore(root, BUSYBOX).list())
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO))
                .hasMessageContaining(root.resolve("oci/index.json") + " is malformed JSON");
    }

    @Test
    void concurrentResolvesMakeTheImageOnce() throws Exception {
        CountingBusybox builtin = new CountingBusybox();
        ImageStore store = new ImageStore(root, builtin, Clock.systemUTC());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Image>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Image> resolve = () -> {
                    start.await();
                    return store.resolve("busybox");
                };
                results.add(pool.submit(resolve));
            }
            start.countDown();
            List<String> digests = new ArrayList<>();
            for (Future<Image> result : results) {
                digests.add(result.get(60, TimeUnit.SECONDS).digest());
            }

            assertThat(digests).hasSize(4).containsOnly(digests.get(0));
            assertThat(builtin.builds()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDynamicallyLinkedBusyboxIsRefusedWithTheFix() {
        ImageStore store = new ImageStore(root, Path.of("/bin/ls"));

        assertThatThrownBy(() -> store.resolve("busybox"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_UNAVAILABLE))
                .hasMessageContaining("/bin/ls is dynamically linked")
                .hasMessageEndingWith("busybox-static is needed: apt-get install -y busybox-static");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aMissingBusyboxIsRefusedWithTheFix() {
        ImageStore store = new ImageStore(root, root.resolve("no-such-busybox"));

        assertThatThrownBy(() -> store.resolve("busybox"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_UNAVAILABLE))
                .hasMessageEndingWith("apt-get install -y busybox-static");
    }

    @Test
    void aBuildThatFailsHalfwayLeavesNothingTrustedAndALaterOneSucceeds() throws IOException {
        BuiltinImage failing = new CountingBusybox() {
            @Override
            public void writeRootfs(Path staging, Path scratch) throws IOException {
                super.writeRootfs(staging, scratch);
                throw new IOException("disk full (simulated)");
            }
        };

        assertThatThrownBy(() -> new ImageStore(root, failing, Clock.systemUTC()).resolve("busybox"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO))
                .hasMessageContaining("disk full (simulated)");
        assertThat(root.resolve("oci/index.json")).doesNotExist();
        assertThat(list(root.resolve("tmp"))).isEmpty();

        assertThat(new ImageStore(root, BUSYBOX).resolve("busybox").reference()).isEqualTo("busybox:latest");
    }

    @Test
    void leftoversOfACrashAreSweptOnceOld() throws IOException {
        Path oldUnpack = Files.createDirectories(root.resolve("layers/.tmp-123/rootfs/bin"));
        Path oldBuild = Files.createDirectories(root.resolve("tmp/build-456/rootfs"));
        Path young = Files.createDirectories(root.resolve("layers/.tmp-789"));
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(oldUnpack.getParent().getParent(), twoHoursAgo);
        Files.setLastModifiedTime(oldBuild.getParent(), twoHoursAgo);
        ImageStore store = new ImageStore(root, BUSYBOX);

        store.layerDirs(store.resolve("busybox"));

        assertThat(root.resolve("layers/.tmp-123")).doesNotExist();
        assertThat(root.resolve("tmp/build-456")).doesNotExist();
        assertThat(young).isDirectory();
    }

    private Path blob(String digest) {
        return root.resolve("oci/blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private JsonNode json(Path file) throws IOException {
        return mapper.readTree(file.toFile());
    }

    private static String sha256OfGunzipped(Path file) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            in.transferTo(tar);
        }
        return Digests.of(tar.toByteArray());
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static Map<Path, FileTime> mtimes(Path dir) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                times.put(file, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return times;
    }
}
