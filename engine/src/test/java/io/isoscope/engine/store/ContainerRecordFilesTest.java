package io.isoscope.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-container record files: atomic private writes, and a scan that restores what it can and says what not. */
class ContainerRecordFilesTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456789Z");

    @TempDir
    Path containers;

    private final ObjectMapper json = new ObjectMapper();

    private ContainerRecordFiles files() {
        return new ContainerRecordFiles(containers, json);
    }

    @Test
    void aWrittenRecordReadsBackWithEveryField() throws IOException {
        ContainerInfo full = new ContainerInfo(hex('a'), "full", "busybox:latest", "sha256:" + "0".repeat(64),
                List.of("sh", "-c", "echo \"hi\" 'x' \\ ünïcødé 🐳", "", "tab\tnl\n"), Isolation.HYPERV,
                ContainerState.EXITED, -3, 4_000_000_123L, T0, T0.plusSeconds(1), T0.plusSeconds(2).plusNanos(1),
                "killed", true, "qemu 7.2", true, List.of("PATH=/bin", "TOKEN=abc=def \"x\" 🐳"),
                new ResourceLimits(128L << 20, ResourceLimits.NANOS_PER_CPU, 0));
        ContainerInfo sparse = new ContainerInfo(hex('b'), "sparse", "busybox:latest", null, List.of("true"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, T0, null, null, null, false, null);
        dirOf(full);
        dirOf(sparse);

        files().write(full);
        files().write(sparse);

        ContainerRecordFiles.Scan scan = files().readAll();
        assertThat(scan.containers()).containsExactly(full, sparse);
        assertThat(scan.problems()).isEmpty();
    }

    @Test
    void aRecordFromBeforeTheEnvironmentAndLimitsWereKeptReadsThemAsUnknown() throws IOException {
        // Format 1 as the first Isoscope wrote it: no tty, env or limits.
        Path old = write(hex('a'), "{\"format\":1,\"id\":\"" + hex('a') + "\",\"name\":\"old\",\"image\":\"busybox:latest\","
                + "\"imageDigest\":null,\"command\":[\"true\"],\"isolation\":\"PROCESS\",\"state\":\"EXITED\","
                + "\"exitCode\":0,\"hostPid\":null,\"createdAt\":\"" + T0 + "\",\"startedAt\":null,"
                + "\"finishedAt\":null,\"reason\":null,\"autoRemove\":false,\"runtime\":\"runc\"}");

        ContainerRecordFiles.Scan scan = files().readAll();

        assertThat(scan.problems()).as("problems reading %s", old).isEmpty();
        assertThat(scan.containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("old");
            assertThat(c.tty()).isFalse();
            assertThat(c.env()).isNull();
            assertThat(c.limits()).isNull();
        });
    }

    @Test
    void aRecordWithANegativeLimitIsNamedAndSkipped() throws IOException {
        ContainerInfo c = created(hex('c'), "neg");
        ContainerInfo limited = new ContainerInfo(c.id(), c.name(), c.image(), c.imageDigest(), c.command(),
                c.isolation(), c.state(), null, null, c.createdAt(), null, null, null, false, "runc", false,
                List.of("A=1"), new ResourceLimits(1L << 20, 0, 5));
        Path bad = write(hex('c'), json.writeValueAsString(ContainerRecord.of(limited)).replace("\"pidsLimit\":5",
                "\"pidsLimit\":-5"));

        ContainerRecordFiles.Scan scan = files().readAll();

        assertThat(scan.containers()).isEmpty();
        assertThat(scan.problems()).singleElement().asString().startsWith(bad + ": unreadable (")
                .contains("limits");
    }

    @Test
    void theRecordIsPrivateAndNoTemporaryFileIsLeft() throws IOException {
        ContainerInfo c = created(hex('c'), "private");
        Path dir = dirOf(c);

        files().write(c);

        Path file = files().fileOf(c.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(ContainerRecordFiles.FILE_NAME);
        }
    }

    @Test
    void aNewWriteReplacesTheRecordEvenOverAStaleTemporaryFile() throws IOException {
        ContainerInfo c = created(hex('d'), "replaced");
        Path dir = dirOf(c);
        files().write(c);
        // What a crash between creating and renaming the temporary file leaves, with a careless mode.
        Path stale = dir.resolve(ContainerRecordFiles.FILE_NAME + ".tmp");
        Files.writeString(stale, "{half a rec");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-rw-rw-"));
        ContainerInfo running = new ContainerInfo(c.id(), c.name(), c.image(), c.imageDigest(), c.command(),
                c.isolation(), ContainerState.RUNNING, null, 777L, c.createdAt(), T0.plusSeconds(3), null, null,
                false, c.runtime());

        files().write(running);

        assertThat(files().readAll().containers()).containsExactly(running);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files().fileOf(c.id()))))
                .isEqualTo("rw-------");
        assertThat(stale).doesNotExist();
    }

    @Test
    void aContainerWithoutItsDirectoryGetsNoRecord() throws IOException {
        ContainerInfo gone = created(hex('e'), "gone");

        files().write(gone);

        assertThat(containers.resolve(gone.id())).doesNotExist();
        assertThat(files().readAll().containers()).isEmpty();
    }

    @Test
    void theScanSkipsAndNamesEveryRecordItCannotUse() throws IOException {
        ContainerInfo good = created(hex('1'), "good");
        dirOf(good);
        files().write(good);
        Path garbage = write(hex('2'), "\u0000\u0001 not json at all");
        Path truncated = write(hex('3'), json.writeValueAsString(ContainerRecord.of(created(hex('3'), "cut")))
                .substring(0, 40));
        Path noName = write(hex('4'), "{\"format\":1,\"id\":\"" + hex('4') + "\",\"image\":\"busybox\","
                + "\"command\":[\"true\"],\"isolation\":\"PROCESS\",\"state\":\"CREATED\",\"createdAt\":\"" + T0 + "\"}");
        Path badState = write(hex('5'), json.writeValueAsString(ContainerRecord.of(created(hex('5'), "odd")))
                .replace("\"CREATED\"", "\"SLEEPING\""));
        Path otherId = write(hex('6'), json.writeValueAsString(ContainerRecord.of(created(hex('7'), "moved"))));
        Path nullArg = write(hex('8'), json.writeValueAsString(ContainerRecord.of(created(hex('8'), "nul")))
                .replace("[\"sleep\",\"5\"]", "[\"sleep\",null]"));
        Files.createDirectory(containers.resolve(hex('9'))); // a directory whose record was never written
        Files.createDirectory(containers.resolve("not-a-container")); // ignored: not an id

        ContainerRecordFiles.Scan scan = files().readAll();

        assertThat(scan.containers()).containsExactly(good);
        assertThat(scan.problems()).hasSize(7);
        assertThat(scan.problems().get(0)).startsWith(garbage + ": unreadable (");
        assertThat(scan.problems().get(1)).startsWith(truncated + ": unreadable (");
        assertThat(scan.problems().get(2)).isEqualTo(noName + ": unreadable (the field \"name\" is missing)");
        assertThat(scan.problems().get(3)).startsWith(badState + ": unreadable (").contains("SLEEPING");
        assertThat(scan.problems().get(4)).isEqualTo(otherId + ": it names another container (" + hex('7') + ")");
        assertThat(scan.problems().get(5)).startsWith(nullArg + ": unreadable (");
        assertThat(scan.problems().get(6)).isEqualTo(files().fileOf(hex('9'))
                + ": missing, so the container in " + containers.resolve(hex('9')) + " cannot be restored");
    }

    @Test
    void aMissingContainersDirectoryIsAnEmptyScan() throws IOException {
        ContainerRecordFiles.Scan scan = new ContainerRecordFiles(containers.resolve("none"), json).readAll();

        assertThat(scan.containers()).isEmpty();
        assertThat(scan.problems()).isEmpty();
    }

    private Path dirOf(ContainerInfo c) throws IOException {
        return Files.createDirectory(containers.resolve(c.id()));
    }

    private Path write(String id, String content) throws IOException {
        Path dir = Files.createDirectory(containers.resolve(id));
        return Files.write(dir.resolve(ContainerRecordFiles.FILE_NAME), content.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private static ContainerInfo created(String id, String name) {
        return new ContainerInfo(id, name, "busybox:latest", "sha256:" + "1".repeat(64), List.of("sleep", "5"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, T0, null, null, null, false, "runc 1.1.5");
    }
}
