package io.isoscope.engine.store;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening the engine database: schema version, journal mode, a newer schema, two openers of a new file. */
class MigrationsTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final OpenedStores stores = new OpenedStores();

    @Test
    void aFreshDatabaseIsMigratedToTheLatestVersionInWalMode() throws SQLException {
        Path file = tmp.resolve("engine.db");

        stores.open(file);

        assertThat(Files.exists(file)).isTrue();
        assertThat(pragma(file, "user_version")).isEqualTo(Integer.toString(Migrations.latest()));
        // WAL is persistent in the file, so a plain connection sees it: it lets readers run beside a writer.
        assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsVersionAndData() throws SQLException {
        Path file = tmp.resolve("engine.db");
        ContainerStore first = stores.open(file);
        first.insert(container("a", "kept"));
        first.close();

        ContainerStore again = stores.open(file);

        assertThat(pragma(file, "user_version")).isEqualTo(Integer.toString(Migrations.latest()));
        assertThat(again.all()).extracting(ContainerInfo::name).containsExactly("kept");
    }

    @Test
    void aDatabaseFromANewerIsoscopeIsRefusedAndLeftAlone() throws SQLException {
        Path file = tmp.resolve("engine.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE from_the_future (x INTEGER)");
            s.execute("PRAGMA user_version = 7");
        }

        assertThatThrownBy(() -> stores.open(file))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.IO);
                    assertThat(e.getMessage()).contains("newer").contains(file.toString());
                });
        assertThat(pragma(file, "user_version")).isEqualTo("7");
        assertThat(tables(file)).containsExactly("from_the_future");
    }

    @Test
    void twoStoresOpeningABrandNewFileTogetherBothSucceed() throws Exception {
        // Each round is a new file, so both openers find version 0 and race to migrate it.
        for (int round = 0; round < 30; round++) {
            Path file = tmp.resolve("race" + round + ".db");
            CyclicBarrier together = new CyclicBarrier(2);
            Future<ContainerStore> gui = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return stores.open(file);
            });
            Future<ContainerStore> cli = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return stores.open(file);
            });
            // A store that opened is closed after the test even when the other opener failed.
            ContainerStore a = gui.get(30, TimeUnit.SECONDS);
            ContainerStore b = cli.get(30, TimeUnit.SECONDS);

            assertThat(pragma(file, "user_version")).as("round %d", round).isEqualTo(Integer.toString(Migrations.latest()));
            a.insert(container("a", "from-a"));
            b.insert(container("b", "from-b"));
            assertThat(a.all()).extracting(ContainerInfo::name).containsExactlyInAnyOrder("from-a", "from-b");
            a.close();
            b.close();
        }
    }

    @Test
    void aVersionOneDatabaseGainsTheTtyColumnAndKeepsItsContainers() throws SQLException {
        Path file = tmp.resolve("engine.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image TEXT NOT NULL, "
                    + "image_digest TEXT, command TEXT NOT NULL, isolation TEXT NOT NULL, state TEXT NOT NULL, "
                    + "exit_code INTEGER, host_pid INTEGER, created_at TEXT NOT NULL, started_at TEXT, "
                    + "finished_at TEXT, reason TEXT, auto_remove INTEGER NOT NULL, runtime TEXT)");
            s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "
                    + "type TEXT NOT NULL, container_id TEXT NOT NULL, name TEXT, detail TEXT)");
            s.execute("INSERT INTO containers VALUES ('" + "c".repeat(64) + "', 'old', 'busybox:latest', null, "
                    + "'[\"true\"]', 'PROCESS', 'EXITED', 0, null, '2026-01-01T00:00:00Z', null, null, null, 0, 'runc')");
            s.execute("PRAGMA user_version = 1");
        }

        ContainerStore store = stores.open(file);

        assertThat(pragma(file, "user_version")).isEqualTo(Integer.toString(Migrations.latest()));
        assertThat(store.all()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("old");
            assertThat(c.tty()).as("containers from before terminals had none").isFalse();
            assertThat(c.env()).isNull();
            assertThat(c.limits()).isNull();
        });
    }

    @Test
    void aVersionTwoDatabaseGainsEnvAndLimitsColumnsWithItsContainersUnknownThere() throws SQLException {
        Path file = tmp.resolve("engine.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // Version 2 exactly as it was: version 1's tables plus the tty column.
            s.execute("CREATE TABLE containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image TEXT NOT NULL, "
                    + "image_digest TEXT, command TEXT NOT NULL, isolation TEXT NOT NULL, state TEXT NOT NULL, "
                    + "exit_code INTEGER, host_pid INTEGER, created_at TEXT NOT NULL, started_at TEXT, "
                    + "finished_at TEXT, reason TEXT, auto_remove INTEGER NOT NULL, runtime TEXT)");
            s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "
                    + "type TEXT NOT NULL, container_id TEXT NOT NULL, name TEXT, detail TEXT)");
            s.execute("CREATE INDEX events_by_container ON events(container_id)");
            s.execute("ALTER TABLE containers ADD COLUMN tty INTEGER NOT NULL DEFAULT 0");
            s.execute("INSERT INTO containers VALUES ('" + "d".repeat(64) + "', 'older', 'busybox:latest', null, "
                    + "'[\"sh\",\"-c\",\"read x\"]', 'HYPERV', 'RUNNING', null, 4242, '2026-01-01T00:00:00Z', "
                    + "'2026-01-01T00:00:01Z', null, null, 0, 'qemu (TCG)', 1)");
            s.execute("PRAGMA user_version = 2");
        }

        ContainerStore store = stores.open(file);

        assertThat(pragma(file, "user_version")).isEqualTo("3").isEqualTo(Integer.toString(Migrations.latest()));
        ContainerInfo old = store.all().get(0);
        assertThat(old.name()).isEqualTo("older");
        assertThat(old.tty()).isTrue();
        assertThat(old.hostPid()).isEqualTo(4242L);
        assertThat(old.env()).as("an older Isoscope did not keep it").isNull();
        assertThat(old.limits()).as("an older Isoscope did not keep them").isNull();

        // Its next state change keeps them unknown; a new container beside it has them.
        store.update(old.withState(ContainerState.EXITED, 0, null, old.startedAt(), Instant.parse("2026-01-01T00:01:00Z"),
                null));
        ContainerInfo fresh = new ContainerInfo("e".repeat(64), "fresh", "busybox:latest", null, List.of("true"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, Instant.parse("2026-01-02T00:00:00Z"), null,
                null, null, false, "runc", false, List.of("PATH=/bin", "K=V"), new ResourceLimits(64L << 20, 0, 4096));
        store.insert(fresh);
        store.close();
        ContainerStore again = stores.open(file);
        assertThat(again.byId(old.id()).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(ContainerState.EXITED);
            assertThat(c.env()).isNull();
            assertThat(c.limits()).isNull();
        });
        assertThat(again.byId(fresh.id())).contains(fresh);
    }

    private static String pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static List<String> tables(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static ContainerInfo container(String digit, String name) {
        return new ContainerInfo(digit.repeat(64), name, "busybox:latest", null, List.of("true"), Isolation.PROCESS,
                ContainerState.CREATED, null, null, Instant.parse("2024-01-01T00:00:00Z"), null, null, null, false,
                null);
    }
}
