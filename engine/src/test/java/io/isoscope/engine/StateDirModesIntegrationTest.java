package io.isoscope.engine;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the engine puts on disk, with a container of each isolation running and one ended: nothing writable by
 * group or others, and the state, container and socket directories owner-only.
 */
@Tag("fault-injection")
class StateDirModesIntegrationTest {

    private static final String OWNER_ONLY = "rwx------";

    private Path parent;
    private TestEngine fixture;

    @BeforeEach
    void open() throws IOException {
        parent = Files.createTempDirectory("isoscope-modes-");
        fixture = TestEngine.openIn(parent.resolve("state")); // the engine creates it
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
        Files.deleteIfExists(parent);
    }

    @Test
    void nothingIsWritableByOthersAndContainerDirectoriesAreOwnerOnly() throws IOException {
        ContainerEngine engine = fixture.engine();
        ContainerInfo process = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c",
                "echo x > /tmp/written; sleep 60"));
        ContainerInfo ended = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "true"));
        engine.awaitExit(ended.id(), Duration.ofSeconds(20));
        ContainerInfo vm = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sleep", "60"));
        Path state = fixture.stateDir();

        assertThat(mode(state)).isEqualTo(OWNER_ONLY);
        assertThat(mode(state.resolve("containers"))).isEqualTo(OWNER_ONLY);
        assertThat(mode(state.resolve("run"))).isEqualTo(OWNER_ONLY);
        for (ContainerInfo c : List.of(process, ended, vm)) {
            assertThat(mode(state.resolve("containers").resolve(c.id()))).as(c.isolation() + " container dir").isEqualTo(OWNER_ONLY);
        }
        assertThat(mode(state.resolve("run").resolve(vm.id().substring(0, 12)))).isEqualTo(OWNER_ONLY);
        // What may hold the workload's environment is readable by the owner alone.
        assertThat(mode(state.resolve("containers").resolve(process.id()).resolve("config.json"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("containers").resolve(vm.id()).resolve("workload.json"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("isoscope.db"))).isEqualTo("rw-------");
        try (Stream<Path> top = Files.list(state)) {
            assertThat(top.map(p -> p.getFileName().toString()).toList())
                    .as("what the audit below covers").contains("containers", "images", "cache", "run", "isoscope.db");
        }

        List<String> writable = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Files.walkFileTree(state, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                check(dir);
                // What a container or an image holds is its own (an image's /tmp is 1777 like any /tmp): it lies in
                // an owner-only directory, checked above, and is not walked.
                return isContent(state.relativize(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                check(file);
                return FileVisitResult.CONTINUE;
            }

            private void check(Path p) throws IOException {
                seen.add(state.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    return;
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    writable.add(state.relativize(p) + " " + PosixFilePermissions.toString(perms));
                }
            }
        });

        assertThat(seen).as("the walk reached the files of both kinds of container")
                .anyMatch(p -> p.endsWith("config.json")).anyMatch(p -> p.endsWith("console.log"))
                .anyMatch(p -> p.endsWith("agent.sock")).anyMatch(p -> p.startsWith("cache"));
        assertThat(writable).as("group- or world-writable").isEmpty();
    }

    /** A container's root filesystem and overlay dirs, an unpacked image layer: contents owned by the image. */
    private static boolean isContent(Path relative) {
        int n = relative.getNameCount();
        if (n == 3 && relative.getName(0).toString().equals("containers")) {
            return List.of("rootfs", "upper", "work").contains(relative.getName(2).toString());
        }
        return n == 3 && relative.startsWith(Path.of("images", "layers"));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
