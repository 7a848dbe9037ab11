package io.isoscope.engine.image;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerUnpackerTest {

    @TempDir
    Path dir;

    private Path source;
    private Path layers;
    private LayerUnpacker unpacker;

    @BeforeEach
    void setUp() throws IOException {
        source = Files.createDirectory(dir.resolve("source"));
        layers = dir.resolve("layers");
        unpacker = new LayerUnpacker(layers);
    }

    @Test
    void unpacksOnceIntoTheDiffIdDirectory() throws Exception {
        Files.createDirectories(source.resolve("etc"));
        Files.writeString(source.resolve("etc/motd"), "hello\n");
        Path blob = tarGz("-C", source.toString(), ".");
        String diffId = diffIdOf(blob);

        Path unpacked = unpacker.unpack(blob, Digests.of(blob), diffId);

        assertThat(unpacked).isEqualTo(layers.resolve(Digests.hex(diffId)));
        assertThat(unpacked.resolve("etc/motd")).hasContent("hello");
        assertThat(entries(layers)).containsExactly(unpacked.getFileName().toString());
        Files.delete(blob);
        assertThat(unpacker.unpack(blob, "sha256:" + "0".repeat(64), diffId))
                .as("an unpacked layer is not read again").isEqualTo(unpacked);
    }

    @Test
    void refusesAbsoluteMemberNames() throws Exception {
        Path file = Files.writeString(source.resolve("abs"), "x");
        Path blob = tarGz("-P", file.toString());

        assertRefused(blob, diffIdOf(blob), "member \"" + file + "\" has an absolute name");
    }

    @Test
    void refusesMembersThatClimbOut() throws Exception {
        Files.writeString(source.resolve("evil"), "x");
        Path blob = tarGz("-C", source.toString(), "--transform", "s,^,../,", "evil");

        assertRefused(blob, diffIdOf(blob), "member \"../evil\" climbs out");
    }

    @Test
    void refusesWhiteouts() throws Exception {
        Files.writeString(source.resolve(".wh.gone"), "");
        Path blob = tarGz("-C", source.toString(), ".wh.gone");

        assertRefused(blob, diffIdOf(blob), "is an OCI whiteout");
    }

    @Test
    void refusesWhatIsNotGzip() throws Exception {
        Path blob = Files.writeString(dir.resolve("blob"), "plain text, not gzip");

        assertRefused(blob, "sha256:" + "0".repeat(64), "is not a valid gzip archive");
    }

    @Test
    void refusesGzipThatIsNoTar() throws Exception {
        Path blob = dir.resolve("blob");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blob))) {
            out.write("just some text, no tar headers at all".repeat(20).getBytes(StandardCharsets.UTF_8));
        }

        assertRefused(blob, diffIdOf(blob), "is not a valid tar.gz archive");
    }

    @Test
    void refusesContentThatDoesNotMatchItsDiffId() throws Exception {
        Files.writeString(source.resolve("file"), "x");
        Path blob = tarGz("-C", source.toString(), ".");

        assertRefused(blob, "sha256:" + "1".repeat(64), "its uncompressed content hashes to " + diffIdOf(blob)
                + ", the image config says sha256:" + "1".repeat(64));
    }

    private void assertRefused(Path blob, String diffId, String expected) throws IOException {
        String digest = Digests.of(blob);
        assertThatThrownBy(() -> unpacker.unpack(blob, digest, diffId))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("layer blob " + digest)
                .hasMessageContaining(expected);
        assertThat(entries(layers)).as("nothing is left in the layers directory").isEmpty();
    }

    private Path tarGz(String... args) throws Exception {
        Path blob = dir.resolve("blob.tar.gz");
        List<String> argv = new ArrayList<>(List.of("tar", "-czf", blob.toString()));
        argv.addAll(List.of(args));
        Process tar = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(output).isZero();
        return blob;
    }

    private static String diffIdOf(Path blob) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
            in.transferTo(tar);
        }
        return Digests.of(tar.toByteArray());
    }

    private static List<String> entries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var stream = Files.list(directory)) {
            return stream.map(p -> p.getFileName().toString()).toList();
        }
    }
}
