package io.isoscope.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a staged root file system into a reproducible layer: the same directory gives the same bytes and digests
 * every time. GNU tar sorts the members and fixes owners and times; Java's gzip writes no time or name into its
 * header. Stateless, thread-safe.
 */
final class LayerArchiver {

    /** Archives {@code staging} into {@code workDir/layer.tar.gz} (stderr of tar goes beside it). */
    LayerArchive archive(Path staging, Path workDir) throws IOException {
        Path out = workDir.resolve("layer.tar.gz");
        Path stderr = workDir.resolve("tar-create.stderr");
        List<String> argv = List.of("tar", "--sort=name", "--format=gnu", "--mtime=@0", "--owner=0", "--group=0",
                "--numeric-owner", "-C", staging.toString(), "-cf", "-", ".");
        MessageDigest tarHash = Digests.sha256();
        MessageDigest gzipHash = Digests.sha256();
        Process tar = HostTool.start(HostTool.builder(argv, stderr));
        try (InputStream tarOut = tar.getInputStream();
             OutputStream file = Files.newOutputStream(out);
             GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(file, gzipHash), 64 * 1024);
             OutputStream tee = new DigestOutputStream(gzip, tarHash)) {
            tarOut.transferTo(tee);
        } catch (IOException | RuntimeException e) {
            tar.destroyForcibly();
            throw e;
        }
        HostTool.awaitSuccess(tar, stderr, "tar (archiving the image's root file system)");
        return new LayerArchive(out, Digests.format(gzipHash), Digests.format(tarHash));
    }
}
