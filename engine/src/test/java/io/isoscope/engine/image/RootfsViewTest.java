package io.isoscope.engine.image;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RootfsViewTest {

    private static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path dir;

    private Path upper;
    private Path lower;
    private Path outside;
    private RootfsView view;

    @BeforeEach
    void layers() throws IOException {
        upper = Files.createDirectory(dir.resolve("upper"));
        lower = Files.createDirectory(dir.resolve("lower"));
        outside = Files.createDirectory(dir.resolve("outside"));
        view = new RootfsView(List.of(upper, lower));
    }

    // Some links point outside the temp dir on purpose; removing them here spares JUnit's warning about each one.
    @AfterEach
    void removeLayers() throws IOException {
        StoreFiles.deleteRecursively(dir);
    }

    @Test
    void searchesPathAcrossLayersTopmostFirst() throws IOException {
        executable(lower, "bin/tool");
        executable(upper, "usr/bin/tool");
        executable(lower, "bin/only-below");

        assertThat(view.findExecutable("tool", PATH, "/")).contains("/usr/bin/tool");
        assertThat(view.findExecutable("tool", "/bin:/usr/bin", "/")).contains("/bin/tool");
        assertThat(view.findExecutable("only-below", PATH, "/")).contains("/bin/only-below");
        assertThat(view.findExecutable("absent", PATH, "/")).isEmpty();
    }

    @Test
    void anUpperFileHidesALowerDirectory() throws IOException {
        executable(lower, "opt/tool");
        Files.writeString(upper.resolve("opt"), "not a directory");

        assertThat(view.findExecutable("/opt/tool", PATH, "/")).isEmpty();
    }

    @Test
    void onlyRegularExecutableFilesCount() throws IOException {
        Files.createDirectories(lower.resolve("bin/dir"));
        Files.writeString(lower.resolve("bin/data"), "text");

        assertThat(view.findExecutable("dir", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("data", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("/bin", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("bin/data/", PATH, "/")).isEmpty();
    }

    @Test
    void pathsAreRelativeToTheWorkingDirectory() throws IOException {
        executable(lower, "srv/app/run");

        assertThat(view.findExecutable("./run", PATH, "/srv/app")).contains("/srv/app/run");
        assertThat(view.findExecutable("app/run", PATH, "/srv")).contains("/srv/app/run");
        assertThat(view.findExecutable("run", "", "/srv/app")).contains("/srv/app/run");
        assertThat(view.findExecutable("run", "app", "/srv")).contains("/srv/app/run");
        assertThat(view.findExecutable("../../../srv/app/run", PATH, "/srv")).contains("/srv/app/run");
    }

    @Test
    void followsLinksInsideTheImageAndKeepsTheNameItWasCalledBy() throws IOException {
        executable(lower, "bin/multi");
        link(lower, "bin/sh", "/bin/multi");
        link(upper, "usr/bin/rel", "../../bin/multi");
        link(lower, "usr/local", "/usr/bin");

        assertThat(view.findExecutable("sh", PATH, "/")).contains("/bin/sh");
        assertThat(view.findExecutable("rel", PATH, "/")).contains("/usr/bin/rel");
        assertThat(view.findExecutable("/usr/local/rel", PATH, "/")).contains("/usr/bin/rel");
    }

    @Test
    void linksNeverLeaveTheRootfs() throws IOException {
        Path hostTool = executable(outside, "tool");
        link(lower, "bin/absolute-escape", hostTool.toString());
        link(lower, "bin/relative-escape", "../".repeat(20) + hostTool.toString().substring(1));
        link(lower, "usr/hostdir", outside.toString());

        assertThat(Files.isExecutable(lower.resolve("bin/absolute-escape"))).as("the host can follow it").isTrue();
        assertThat(view.findExecutable("absolute-escape", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("relative-escape", PATH, "/")).isEmpty();
        assertThat(view.findExecutable("/usr/hostdir/tool", PATH, "/")).isEmpty();
    }

    @Test
    void aHostLinkInALowerLayerIsNotWalkedThrough() throws IOException {
        executable(outside, "tool");
        Files.createDirectories(upper.resolve("usr"));
        link(lower, "usr/hostdir", outside.toString());
        Files.createDirectories(upper.resolve("usr/hostdir"));

        assertThat(view.findExecutable("/usr/hostdir/tool", PATH, "/")).isEmpty();
    }

    @Test
    void linkLoopsEndTheSearch() throws IOException {
        link(lower, "bin/a", "b");
        link(lower, "bin/b", "/bin/a");

        assertThat(view.findExecutable("a", PATH, "/")).isEmpty();
    }

    private static Path executable(Path layer, String relative) throws IOException {
        Path file = layer.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void link(Path layer, String relative, String target) throws IOException {
        Path link = layer.resolve(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }
}
