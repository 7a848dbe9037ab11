package io.isoscope.engine.runtime.vm.initramfs;

import io.isoscope.engine.runtime.vm.initramfs.CpioTools.Listed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

class InitramfsBuilderTest {

    private static final String DIGEST = "sha256:" + "ab12".repeat(16);

    @TempDir
    Path dir;

    private Path cache;
    private Path agent;
    private final AtomicInteger builds = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        cache = dir.resolve("cache");
        agent = Files.writeString(dir.resolve("agent"), "#!/bin/sh\necho I am the agent\n");
    }

    @Test
    void namesTheArchiveByImageDigestAndAgentHash() throws Exception {
        Path layer = layer("layer");

        Path archive = builder().build(DIGEST, List.of(layer), agent);

        String agentSha = CpioTools.run(List.of("sha256sum", agent.toString()), dir).substring(0, 12);
        assertThat(archive).isEqualTo(cache.resolve("initramfs/" + "ab12".repeat(16) + "-" + agentSha + ".cpio"));
        assertThat(archive).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                .as("the image's files may not be everyone's to read").isEqualTo("rw-------");
        assertThat(entries(archive.getParent())).containsExactly(archive.getFileName().toString());
    }

    @Test
    void upperLayersHideLowerOnesAndTheAgentIsInit() throws Exception {
        Path lower = layer("lower");
        write(lower, "etc/shared", "from lower");
        write(lower, "etc/only-lower", "l");
        write(lower, "opt/dir/child", "hidden by the upper file");
        write(lower, "init", "the image's own init");
        Path upper = layer("upper");
        write(upper, "etc/shared", "from upper");
        write(upper, "etc/only-upper", "u");
        write(upper, "opt/dir", "now a file");
        Files.setPosixFilePermissions(Files.createDirectories(upper.resolve("etc/private")),
                PosixFilePermissions.fromString("rwx------"));

        Path archive = builder().build(DIGEST, List.of(upper, lower), agent);

        assertThat(CpioTools.gnuList(archive)).extracting(Listed::name).containsExactly(
                "dev", "etc", "etc/only-lower", "etc/only-upper", "etc/private", "etc/shared", "init", "opt",
                "opt/dir", "proc", "run", "sys", "tmp");
        Path out = extract(archive);
        assertThat(out.resolve("etc/shared")).hasContent("from upper");
        assertThat(out.resolve("etc/only-lower")).hasContent("l");
        assertThat(out.resolve("etc/only-upper")).hasContent("u");
        assertThat(out.resolve("opt/dir")).isRegularFile().hasContent("now a file");
        assertThat(Files.readAllBytes(out.resolve("init"))).isEqualTo(Files.readAllBytes(agent));
        assertThat(modeOf(out.resolve("init"))).isEqualTo("rwxr-xr-x");
        assertThat(modeOf(out.resolve("etc/private"))).isEqualTo("rwx------");
        for (String mountPoint : List.of("dev", "proc", "sys", "run")) {
            assertThat(out.resolve(mountPoint)).isDirectory();
            assertThat(modeOf(out.resolve(mountPoint))).isEqualTo("rwxr-xr-x");
        }
        assertThat(CpioTools.gnuList(archive)).filteredOn(e -> e.name().equals("tmp"))
                .extracting(Listed::mode).containsExactly("drwxrwxrwt");
    }

    @Test
    void aNonDirectoryStopsTheMergeOfTheDirectoriesBelowIt() throws Exception {
        Path bottom = layer("bottom");
        write(bottom, "x/from-bottom", "hidden: the middle layer's file ends the merge");
        Path middle = layer("middle");
        write(middle, "x", "a file");
        Path top = layer("top");
        write(top, "x/from-top", "shown");

        Path archive = builder().build(DIGEST, List.of(top, middle, bottom), agent);

        assertThat(CpioTools.gnuList(archive)).extracting(Listed::name).contains("x", "x/from-top")
                .doesNotContain("x/from-bottom");
    }

    @Test
    void keepsSymbolicLinksAsLinksAndNeverWalksThem() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        write(outside, "secret", "host file");
        Path lower = layer("lower");
        write(lower, "lib/real", "hidden by the upper link");
        Path upper = layer("upper");
        Files.createSymbolicLink(upper.resolve("lib"), outside);
        Files.createSymbolicLink(upper.resolve("sh"), Path.of("/no/such/host/file"));

        Path archive = builder().build(DIGEST, List.of(upper, lower), agent);

        List<Listed> listed = CpioTools.gnuList(archive);
        assertThat(listed).filteredOn(e -> e.name().equals("lib")).extracting(Listed::mode, Listed::target)
                .containsExactly(tuple("lrwxrwxrwx", outside.toString()));
        assertThat(listed).filteredOn(e -> e.name().equals("sh")).extracting(Listed::target)
                .containsExactly("/no/such/host/file");
        assertThat(listed).extracting(Listed::name).noneMatch(name -> name.startsWith("lib/"));
    }

    @Test
    void leavesOutFifosAndKeepsOwners() throws Exception {
        Path layer = layer("layer");
        CpioTools.run(List.of("mkfifo", layer.resolve("pipe").toString()), dir);
        Path owned = write(layer, "home/user/file", "mine");
        boolean root = System.getProperty("user.name").equals("root");
        if (root) {
            Files.setAttribute(owned, "unix:uid", 1000);
            Files.setAttribute(owned, "unix:gid", 1001);
        }

        Path archive = builder().build(DIGEST, List.of(layer), agent);

        List<Listed> listed = CpioTools.gnuList(archive);
        assertThat(listed).extracting(Listed::name).doesNotContain("pipe");
        assertThat(listed).filteredOn(e -> e.name().equals("home/user/file"))
                .extracting(Listed::uid, Listed::gid)
                .containsExactly(root ? tuple(1000, 1001)
                        : tuple(uidOf(owned), gidOf(owned)));
    }

    @Test
    void keepsUtf8NamesAndRefusesNamesTheJvmCannotRepresent() throws Exception {
        assumeThat(System.getProperty("sun.jnu.encoding")).as("a UTF-8 locale for file names").isEqualTo("UTF-8");
        Path layer = layer("layer");
        write(layer, "etc/caf\u00e9 \u2615", "coffee");

        Path archive = builder().build(DIGEST, List.of(layer), agent);

        assertThat(CpioTools.gnuList(archive)).extracting(Listed::name).contains("etc/caf\u00e9 \u2615");
        CpioTools.run(List.of("sh", "-c", "printf x > \"$(printf 'etc/bad\\377')\""), layer);
        assertThatThrownBy(() -> builder().build("sha256:" + "cd34".repeat(16), List.of(layer), agent))
                .isInstanceOf(IOException.class).hasMessageContaining("/etc/bad")
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void mountPointsBecomeDirectoriesWhileTmpAndRunStayTheImages() throws Exception {
        Path layer = layer("layer");
        write(layer, "proc", "a file where the agent mounts proc");
        Files.createSymbolicLink(layer.resolve("tmp"), Path.of("var/tmp"));
        Files.setPosixFilePermissions(Files.createDirectories(layer.resolve("run")),
                PosixFilePermissions.fromString("rwx------"));

        Path archive = builder().build(DIGEST, List.of(layer), agent);

        assertThat(CpioTools.gnuList(archive)).filteredOn(e -> List.of("proc", "run", "tmp").contains(e.name()))
                .extracting(Listed::name, Listed::mode, Listed::target).containsExactly(
                        tuple("proc", "drwxr-xr-x", null),
                        tuple("run", "drwx------", null),
                        tuple("tmp", "lrwxrwxrwx", "var/tmp"));
    }

    @Test
    void theAgentReplacesAnInitDirectoryOfTheImage() throws Exception {
        Path layer = layer("layer");
        write(layer, "init/inside", "gone with the directory");

        Path archive = builder().build(DIGEST, List.of(layer), agent);

        assertThat(CpioTools.gnuList(archive)).filteredOn(e -> e.name().startsWith("init"))
                .extracting(Listed::name, Listed::mode)
                .containsExactly(tuple("init", "-rwxr-xr-x"));
    }

    @Test
    void aSecondBuildOfTheSameImageAndAgentReusesTheArchive() throws Exception {
        Path layer = layer("layer");
        write(layer, "etc/motd", "hello");
        InitramfsBuilder builder = builder();
        Path first = builder.build(DIGEST, List.of(layer), agent);
        FileTime past = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        Files.setLastModifiedTime(first, past);
        Object inode = Files.readAttributes(first, "unix:ino").get("ino");

        Path second = new InitramfsBuilder(cache, archive -> builds.incrementAndGet())
                .build(DIGEST, List.of(layer), agent);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second)).as("not rewritten").isEqualTo(past);
        assertThat(Files.readAttributes(second, "unix:ino").get("ino")).as("not replaced").isEqualTo(inode);
        assertThat(builds).as("builds, counting the first").hasValue(1);
    }

    @Test
    void anotherAgentGetsItsOwnArchive() throws Exception {
        Path layer = layer("layer");
        InitramfsBuilder builder = builder();
        Path first = builder.build(DIGEST, List.of(layer), agent);
        byte[] firstBytes = Files.readAllBytes(first);
        Path otherAgent = Files.writeString(dir.resolve("agent-2"), "#!/bin/sh\necho another agent\n");

        Path second = builder.build(DIGEST, List.of(layer), otherAgent);

        assertThat(second).isNotEqualTo(first).isRegularFile();
        assertThat(second.getFileName().toString()).startsWith("ab12".repeat(16) + "-");
        assertThat(Files.readAllBytes(first)).isEqualTo(firstBytes);
        Path out = extract(second);
        assertThat(Files.readAllBytes(out.resolve("init"))).isEqualTo(Files.readAllBytes(otherAgent));
        assertThat(builds).hasValue(2);
    }

    @Test
    void buildsAreReproducible() throws Exception {
        Path lower = layer("lower");
        write(lower, "bin/tool", "tool");
        Files.createSymbolicLink(lower.resolve("bin/alias"), Path.of("tool"));
        Path upper = layer("upper");
        write(upper, "etc/conf", "conf");

        Path first = new InitramfsBuilder(dir.resolve("cache-1")).build(DIGEST, List.of(upper, lower), agent);
        // What the archive leaves out (mtimes, the layers' host paths) must not make it differ.
        Files.setLastModifiedTime(lower.resolve("bin/tool"), FileTime.from(Instant.parse("2011-01-01T00:00:00Z")));
        Path copy = dir.resolve("copy");
        CpioTools.run(List.of("cp", "-a", dir.resolve("layers").toString(), copy.toString()), dir);
        Path second = new InitramfsBuilder(dir.resolve("cache-2"))
                .build(DIGEST, List.of(copy.resolve("upper"), copy.resolve("lower")), agent);

        assertThat(second).isNotEqualTo(first);
        assertThat(Files.mismatch(first, second)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void concurrentBuildsOfOneArchiveBuildItOnce() throws Exception {
        Path layer = layer("layer");
        write(layer, "etc/motd", "hello");
        int threads = 4;
        Map<Thread, Boolean> callers = new ConcurrentHashMap<>();
        InitramfsBuilder builder = new InitramfsBuilder(cache, archive -> {
            builds.incrementAndGet();
            // Hold the build until every other caller is waiting for it, so they surely overlap with it.
            awaitOthersBlocked(callers, threads);
        });
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    callers.put(Thread.currentThread(), true);
                    return builder.build(DIGEST, List.of(layer), agent);
                }));
            }
            start.countDown();
            List<Path> paths = new ArrayList<>();
            for (Future<Path> result : results) {
                paths.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(paths).hasSize(threads).containsOnly(paths.get(0));
            assertThat(builds).hasValue(1);
            assertThat(entries(paths.get(0).getParent())).containsExactly(paths.get(0).getFileName().toString());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailedBuildLeavesNothingBehind() throws Exception {
        Path layer = layer("layer");
        Path doomed = write(layer, "etc/doomed", "deleted after the merge, before it is copied");
        InitramfsBuilder builder = new InitramfsBuilder(cache, archive -> {
            try {
                Files.delete(doomed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> builder.build(DIGEST, List.of(layer), agent))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("doomed");
        assertThat(entries(cache.resolve("initramfs"))).isEmpty();
    }

    @Test
    void removesTheTempFilesOfCrashedBuildsOnceTheyAreOld() throws Exception {
        Path initramfs = Files.createDirectories(cache.resolve("initramfs"));
        Path old = Files.writeString(initramfs.resolve(".tmp-crashed"), "partial");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path young = Files.writeString(initramfs.resolve(".tmp-in-progress-elsewhere"), "partial");

        Path archive = builder().build(DIGEST, List.of(layer("layer")), agent);

        assertThat(entries(initramfs)).containsExactlyInAnyOrder(young.getFileName().toString(),
                archive.getFileName().toString());
    }

    @Test
    void refusesAMalformedDigest() throws Exception {
        Path layer = layer("layer");

        for (String digest : List.of("ab12".repeat(16), "sha256:../../etc", "sha256:" + "AB12".repeat(16))) {
            assertThatThrownBy(() -> builder().build(digest, List.of(layer), agent))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sha256 image digest");
        }
        assertThat(cache).doesNotExist();
    }

    private InitramfsBuilder builder() {
        return new InitramfsBuilder(cache, archive -> builds.incrementAndGet());
    }

    private Path layer(String name) throws IOException {
        return Files.createDirectories(dir.resolve("layers").resolve(name));
    }

    private static Path write(Path layer, String path, String content) throws IOException {
        Path file = layer.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private Path extract(Path archive) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory(dir, "extracted-");
        CpioTools.extract(archive, out);
        return out;
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String modeOf(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static int uidOf(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int gidOf(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    // Waits (with a deadline) until every caller but this one is blocked on the builder's lock.
    private static void awaitOthersBlocked(Map<Thread, Boolean> callers, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(callers.size() == expected && callers.keySet().stream()
                .filter(t -> t != Thread.currentThread())
                .allMatch(t -> t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.WAITING))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the other callers never waited for the build");
            }
            Thread.onSpinWait();
        }
    }
}
