package io.isoscope.engine.image;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The built-in {@code busybox:latest}: the host's statically linked busybox as {@code /bin/busybox}, a symbolic
 * link for each of its applets, and the few files in {@code /etc} a shell and ping expect. Stateless, thread-safe.
 */
final class BusyboxImage implements BuiltinImage {

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final String FIX = "busybox-static is needed: apt-get install -y busybox-static";
    private static final String SELF = "bin/busybox";
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
            + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    private static final String GROUP = "root:x:0:\nnogroup:x:65534:\n";
    private static final String HOSTS = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    private final Path binary;

    /** The image made from {@code binary} (normally {@code /bin/busybox}). */
    BusyboxImage(Path binary) {
        this.binary = binary;
    }

    @Override
    public String reference() {
        return "busybox:latest";
    }

    @Override
    public String checkHost() {
        if (!Files.isRegularFile(binary)) {
            throw unavailable("there is no busybox at " + binary + " to make the built-in busybox image from");
        }
        Optional<ElfFile> elf;
        try {
            elf = ElfFile.read(binary);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                    "cannot read " + binary + ": " + e.getMessage() + "; " + FIX, e);
        }
        if (elf.isEmpty()) {
            throw unavailable(binary + " is not an ELF executable");
        }
        if (!elf.get().isStatic()) {
            throw unavailable(binary + " is dynamically linked (it needs " + elf.get().interpreter()
                    + "), so it would not run inside a container that holds nothing else");
        }
        return elf.get().architecture();
    }

    @Override
    public void writeRootfs(Path staging, Path scratch) throws IOException {
        // Every mode is set explicitly: the umask must not change the layer's bytes, hence its digest.
        Path bin = directory(staging, "bin", "rwxr-xr-x");
        Path busybox = bin.resolve("busybox");
        Files.copy(binary, busybox);
        Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets(scratch)) {
            Path link = staging.resolve(applet);
            createParents(staging, link.getParent());
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("/bin/busybox"));
            }
        }
        Path etc = directory(staging, "etc", "rwxr-xr-x");
        file(etc.resolve("passwd"), PASSWD);
        file(etc.resolve("group"), GROUP);
        file(etc.resolve("hosts"), HOSTS);
        for (String dir : List.of("proc", "sys", "dev")) {
            directory(staging, dir, "rwxr-xr-x");
        }
        directory(staging, "root", "rwx------");
        // PosixFilePermission cannot express the sticky bit /tmp needs; the "unix" attribute view can.
        Files.setAttribute(directory(staging, "tmp", "rwxrwxrwx"), "unix:mode", 01777);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    public ImageConfig config() {
        return new ImageConfig(List.of("PATH=" + DEFAULT_PATH), List.of("sh"), List.of(), "/", "");
    }

    @Override
    public Instant created() throws IOException {
        return Files.getLastModifiedTime(binary).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public String createdBy() {
        return "isoscope: built-in image from the host's busybox-static (" + binary + ")";
    }

    // The applets' install paths (usr/bin/wget, ...), from the binary itself: they differ between busybox builds.
    private List<String> applets(Path scratch) throws IOException {
        Path out = scratch.resolve("busybox-list.txt");
        Path stderr = scratch.resolve("busybox-list.stderr");
        Process p = HostTool.start(HostTool.builder(List.of(binary.toString(), "--list-full"), stderr)
                .redirectOutput(out.toFile()));
        HostTool.awaitSuccess(p, stderr, binary + " --list-full");
        List<String> applets = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.equals(SELF)).toList();
        for (String applet : applets) {
            if (applet.startsWith("/") || List.of(applet.split("/")).stream()
                    .anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
                throw new IOException(binary + " --list-full printed \"" + applet + "\", which is not a plain"
                        + " relative path");
            }
        }
        return applets;
    }

    private static void createParents(Path staging, Path dir) throws IOException {
        if (dir.equals(staging) || Files.isDirectory(dir)) {
            return;
        }
        createParents(staging, dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path directory(Path staging, String name, String mode) throws IOException {
        Path dir = staging.resolve(name);
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    private static void file(Path path, String content) throws IOException {
        Files.writeString(path, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private EngineException unavailable(String why) {
        return new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE, why + "; " + FIX);
    }
}
