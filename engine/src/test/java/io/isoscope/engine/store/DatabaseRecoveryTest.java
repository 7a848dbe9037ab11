package io.isoscope.engine.store;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged or lost database is moved aside (never deleted) and the container list rebuilt from the record files,
 * with a warning; a database from a newer Isoscope is refused and left alone. Real SQLite files throughout.
 */
@Tag("fault-injection")
class DatabaseRecoveryTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:00:00Z");
    private static final String ASIDE = "isoscope.db.corrupt-20240506T070809Z";

    @TempDir
    Path state;

    @RegisterExtension
    final OpenedStores stores = new OpenedStores();

    private Path db() {
        return state.resolve("isoscope.db");
    }

    /**
     * Three containers in the states a real engine leaves them in, stored through a store that is then closed; the
     * created one comes from an older Isoscope that kept no environment or limits, the others have them.
     */
    private List<ContainerInfo> threeContainers() throws IOException {
        ContainerStore store = stores.open(db());
        ContainerInfo created = unrecorded(created(hex('a'), "created-one"));
        ContainerInfo running = created(hex('b'), "running-one");
        ContainerInfo exited = created(hex('c'), "exited-one");
        for (ContainerInfo c : List.of(created, running, exited)) {
            Files.createDirectories(state.resolve("containers").resolve(c.id()));
            store.insert(c);
            store.append(new EngineEvent(T0, EngineEvent.Type.CREATED, c.id(), c.name(), null));
        }
        running = running(running);
        store.update(running);
        ContainerInfo exitedRunning = running(exited);
        store.update(exitedRunning);
        exited = exited(exitedRunning, 3);
        assertThat(store.updateIfState(exited, ContainerState.RUNNING)).isTrue();
        store.close();
        return List.of(created, running, exited);
    }

    @Test
    void garbageOverTheDatabaseIsMovedAsideAndTheContainersRestored() throws Exception {
        List<ContainerInfo> before = threeContainers();
        byte[] garbage = "this is not a database, just text that a confused tool wrote here. ".repeat(200)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(db(), garbage);

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.byId(hex('b')).orElseThrow()).as("environment and limits come back from the record file")
                .satisfies(c -> {
                    assertThat(c.env()).contains("DB_PASSWORD=hunter2", "NAME=running-one");
                    assertThat(c.limits()).isEqualTo(new ResourceLimits(64L << 20, ResourceLimits.NANOS_PER_CPU, 100));
                });
        assertThat(store.byId(hex('a')).orElseThrow()).as("an older record's stay unknown")
                .satisfies(c -> assertThat(c.env()).isNull());
        assertThat(Files.readAllBytes(state.resolve(ASIDE))).as("the damaged file, kept as it was").isEqualTo(garbage);
        assertThat(store.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).isEqualTo("The engine database " + db() + " was damaged (file is not a database)."
                    + " It was moved aside to " + state.resolve(ASIDE) + ". The container list was rebuilt from the"
                    + " containers' record files: 3 containers restored.");
            assertThat(w.detail()).contains("The history of events before the damage is only in " + state.resolve(ASIDE));
            assertThat(w.at()).isEqualTo(OpenedStores.NOW);
        });
        assertThat(store.events(null)).as("the events were in the damaged file").isEmpty();
        assertThat(pragma(db(), "user_version")).isEqualTo(Integer.toString(Migrations.latest()));
        assertThat(pragma(db(), "journal_mode")).isEqualTo("wal");
    }

    @Test
    void theRestoredDatabaseWorksAndReopensWithoutAnotherWarning() throws Exception {
        List<ContainerInfo> before = threeContainers();
        Files.write(db(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ContainerStore recovered = stores.open(db());
        ContainerInfo later = exited(before.get(1), 0);
        recovered.update(later);
        recovered.close();

        ContainerStore again = stores.open(db());

        assertThat(again.warnings()).isEmpty();
        assertThat(again.byId(later.id())).contains(later);
        assertThat(asideFiles()).containsExactly(ASIDE);
    }

    @Test
    void aDatabaseTruncatedToHalfIsRecovered() throws Exception {
        List<ContainerInfo> before = threeContainers();
        truncate(db(), Files.size(db()) / 2);

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.warnings()).singleElement().extracting(EngineWarning::message).asString()
                .contains("was damaged (").contains("moved aside to " + state.resolve(ASIDE));
        assertThat(state.resolve(ASIDE)).exists();
    }

    @Test
    void aDatabaseTruncatedToNothingIsRebuiltWithAWarningAndNothingToMoveAside() throws Exception {
        List<ContainerInfo> before = threeContainers();
        truncate(db(), 0);

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.warnings()).singleElement().extracting(EngineWarning::message).isEqualTo(
                "The engine database " + db() + " was missing or empty. The container list was rebuilt from the "
                        + "containers' record files: 3 containers restored.");
        assertThat(asideFiles()).isEmpty();
    }

    @Test
    void aDeletedDatabaseIsRebuiltFromTheRecords() throws Exception {
        List<ContainerInfo> before = threeContainers();
        Files.delete(db());

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.warnings()).singleElement().extracting(EngineWarning::message).asString()
                .startsWith("The engine database " + db() + " was missing or empty.");
    }

    @Test
    void aCorruptPageOfARealDatabaseIsCaughtByTheIntegrityCheck() throws Exception {
        List<ContainerInfo> before = threeContainers();
        long pageSize = Long.parseLong(pragma(db(), "page_size"));
        long root = Long.parseLong(query(db(), "SELECT rootpage FROM sqlite_master WHERE name='containers'"));
        // Zero the containers table's cell pointers: the page header still looks fine, the cells are lost.
        try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
            f.seek((root - 1) * pageSize + 8);
            f.write(new byte[64]);
        }

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.warnings()).singleElement().extracting(EngineWarning::message).asString()
                .contains("was damaged (its integrity check found: ");
        assertThat(state.resolve(ASIDE)).exists();
    }

    @Test
    void aSchemaThatContradictsItsVersionIsTreatedAsDamage() throws Exception {
        List<ContainerInfo> before = threeContainers();
        // Version 0 claims "no schema yet", but the tables are there: the first migration step cannot run.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 0");
        }

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.warnings()).singleElement().extracting(EngineWarning::message).asString()
                .contains("was damaged (table containers already exists)");
        assertThat(state.resolve(ASIDE)).exists();
    }

    @Test
    void anUnreadableRecordFileIsSkippedAndNamedInTheWarning() throws Exception {
        List<ContainerInfo> before = threeContainers();
        Path broken = state.resolve("containers").resolve(before.get(0).id()).resolve(ContainerRecordFiles.FILE_NAME);
        Files.writeString(broken, "{\"format\":1,\"id\":");
        Files.write(db(), new byte[4096]);

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrder(before.get(1), before.get(2));
        EngineWarning w = store.warnings().get(0);
        assertThat(w.message()).endsWith("2 containers restored, 1 could not be.");
        assertThat(w.detail()).startsWith("Not restored:\n  " + broken + ": unreadable (");
    }

    @Test
    void aDatabaseFromANewerIsoscopeIsRefusedAndNothingIsMoved() throws Exception {
        List<ContainerInfo> before = threeContainers();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 9");
        }
        long size = Files.size(db());

        assertThatThrownBy(() -> stores.open(db()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.IO);
                    assertThat(e.getMessage()).isEqualTo("cannot open the engine database " + db() + ": it was "
                            + "written by a newer Isoscope (schema 9; this one knows up to " + Migrations.latest() + "). Use that newer "
                            + "Isoscope, or move the file away to start with an empty container list.");
                });

        assertThat(asideFiles()).isEmpty();
        assertThat(Files.size(db())).isEqualTo(size);
        assertThat(pragma(db(), "user_version")).isEqualTo("9");
        assertThat(query(db(), "SELECT count(*) FROM containers")).isEqualTo(String.valueOf(before.size()));
    }

    @Test
    void aDamagedDatabaseThatAnotherConnectionStillHasOpenIsLeftInPlace() throws Exception {
        List<ContainerInfo> before = threeContainers();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement s = other.createStatement()) {
            s.execute("PRAGMA user_version"); // really open the file, as a running app's engine has it
            Files.write(db(), new byte[8192]);

            assertThatThrownBy(() -> stores.open(db()))
                    .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.getMessage())
                            .startsWith("the engine database " + db() + " is damaged (")
                            .contains("process " + ProcessHandle.current().pid() + " still has it open")
                            .contains("Close the other Isoscope windows and commands"));
            assertThat(asideFiles()).isEmpty();
        }

        ContainerStore store = stores.open(db());

        assertThat(store.all()).as("once nobody holds it, it is recovered").containsExactlyInAnyOrderElementsOf(before);
        assertThat(asideFiles()).containsExactly(ASIDE);
    }

    @Test
    void aDirectoryWhereTheDatabaseShouldBeIsMovedAside() throws Exception {
        List<ContainerInfo> before = threeContainers();
        Files.delete(db());
        Files.createDirectory(db());
        Files.writeString(db().resolve("inside"), "kept");

        ContainerStore store = stores.open(db());

        assertThat(store.all()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(state.resolve(ASIDE).resolve("inside")).hasContent("kept");
        assertThat(store.warnings().get(0).message()).contains("was damaged (it is not a regular file)");
    }

    @Test
    void aSecondRecoveryInTheSameSecondNeverOverwritesTheFirstMovedAsideFile() throws Exception {
        threeContainers();
        Files.writeString(db(), "first damage ".repeat(100));
        stores.open(db()).close();
        Files.writeString(db(), "second damage ".repeat(100));

        ContainerStore store = stores.open(db());

        assertThat(Files.readString(state.resolve(ASIDE))).startsWith("first damage");
        assertThat(Files.readString(state.resolve(ASIDE + "-2"))).startsWith("second damage");
        assertThat(store.warnings().get(0).message()).contains("moved aside to " + state.resolve(ASIDE + "-2") + ".");
        assertThat(store.all()).hasSize(3);
    }

    @Test
    void twoEnginesOpeningADamagedDatabaseAtOnceMoveItAsideOnce() throws Exception {
        List<ContainerInfo> before = threeContainers();
        for (int round = 0; round < 10; round++) {
            Files.writeString(db(), "damage of round " + round + " ".repeat(5000));
            CyclicBarrier together = new CyclicBarrier(2);
            Future<ContainerStore> gui = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return stores.open(db());
            });
            Future<ContainerStore> cli = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return stores.open(db());
            });
            ContainerStore a = gui.get(30, TimeUnit.SECONDS);
            ContainerStore b = cli.get(30, TimeUnit.SECONDS);

            assertThat(a.all()).as("round %d", round).containsExactlyInAnyOrderElementsOf(before);
            assertThat(b.all()).as("round %d", round).containsExactlyInAnyOrderElementsOf(before);
            assertThat(a.warnings().size() + b.warnings().size()).as("round %d: one of them recovered", round)
                    .isEqualTo(1);
            assertThat(asideFiles()).as("round %d", round).hasSize(round + 1);
            a.close();
            b.close();
        }
    }

    @Test
    void aRecordFileFollowsOnlyCommittedChanges() throws Exception {
        ContainerStore store = stores.open(db());
        ContainerInfo web = created(hex('1'), "web");
        ContainerInfo clash = created(hex('2'), "web");
        for (ContainerInfo c : List.of(web, clash)) {
            Files.createDirectories(state.resolve("containers").resolve(c.id()));
        }
        store.insert(web);

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(EngineException.class);
        assertThat(store.updateIfState(exited(web, 1), ContainerState.RUNNING)).isFalse();

        ContainerRecordFiles.Scan scan = new ContainerRecordFiles(state.resolve("containers"),
                new com.fasterxml.jackson.databind.ObjectMapper()).readAll();
        assertThat(scan.containers()).containsExactly(web);
        assertThat(scan.problems()).singleElement().asString().contains(clash.id()).contains("missing");
    }

    private List<String> asideFiles() throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-")).sorted().toList();
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private static String pragma(Path file, String name) throws SQLException {
        return query(file, "PRAGMA " + name);
    }

    private static String query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static ContainerInfo running(ContainerInfo c) {
        return c.withState(ContainerState.RUNNING, null, 4321L, c.createdAt().plusSeconds(1), null, null);
    }

    private static ContainerInfo exited(ContainerInfo c, int exitCode) {
        return c.withState(ContainerState.EXITED, exitCode, null, c.startedAt(), c.createdAt().plusSeconds(9), null);
    }

    /** {@code c} as an older Isoscope recorded it: without its environment and limits. */
    private static ContainerInfo unrecorded(ContainerInfo c) {
        return new ContainerInfo(c.id(), c.name(), c.image(), c.imageDigest(), c.command(), c.isolation(), c.state(),
                c.exitCode(), c.hostPid(), c.createdAt(), c.startedAt(), c.finishedAt(), c.reason(), c.autoRemove(),
                c.runtime(), c.tty());
    }

    private static String hex(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private static ContainerInfo created(String id, String name) {
        return new ContainerInfo(id, name, "busybox:latest", "sha256:" + "1".repeat(64), List.of("sleep", "5"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, T0, null, null, null, false, "runc 1.1.5", false,
                List.of("PATH=/bin", "DB_PASSWORD=hunter2", "NAME=" + name), new ResourceLimits(64L << 20,
                ResourceLimits.NANOS_PER_CPU, 100));
    }
}
