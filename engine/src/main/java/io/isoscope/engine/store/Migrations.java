package io.isoscope.engine.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Versioned schema migrations, tracked in SQLite's {@code user_version}. Stateless, thread-safe. */
final class Migrations {

    /** Index i holds the statements that take the schema from version i to i+1. Append only. */
    private static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image TEXT NOT NULL, "
                            + "image_digest TEXT, command TEXT NOT NULL, isolation TEXT NOT NULL, state TEXT NOT NULL, "
                            + "exit_code INTEGER, host_pid INTEGER, created_at TEXT NOT NULL, started_at TEXT, "
                            + "finished_at TEXT, reason TEXT, auto_remove INTEGER NOT NULL, runtime TEXT)",
                    "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "
                            + "type TEXT NOT NULL, container_id TEXT NOT NULL, name TEXT, detail TEXT)",
                    "CREATE INDEX events_by_container ON events(container_id)"),
            // 2: containers on a terminal (-it), which a console can attach to
            List.of("ALTER TABLE containers ADD COLUMN tty INTEGER NOT NULL DEFAULT 0"),
            // 3: what a container was created with, for inspect: its environment (a JSON array) and its limits.
            // NULL in the rows already there: an older Isoscope did not keep them, so they are unknown.
            List.of("ALTER TABLE containers ADD COLUMN env TEXT",
                    "ALTER TABLE containers ADD COLUMN memory_bytes INTEGER",
                    "ALTER TABLE containers ADD COLUMN nano_cpus INTEGER",
                    "ALTER TABLE containers ADD COLUMN pids_limit INTEGER"));

    private Migrations() {
    }

    /** Fills a schema that was just created, inside the transaction that created it. */
    @FunctionalInterface
    interface NewSchema {
        void fill(Connection db) throws SQLException;
    }

    /** The schema version this build migrates to. */
    static int latest() {
        return STEPS.size();
    }

    /**
     * Brings the schema up to the newest version; safe when several processes open the database at once. When the
     * database had no schema yet (new, or empty), {@code onNew} fills it in the same transaction, so no other
     * opener ever sees the schema without its contents.
     *
     * @throws NewerSchemaException when a newer Isoscope wrote the database (nothing is changed then)
     */
    static void apply(Connection db, NewSchema onNew) throws SQLException {
        try (Statement s = db.createStatement()) {
            // IMMEDIATE takes the write lock before reading the version, so two engines starting together
            // cannot both run the same step.
            s.execute("BEGIN IMMEDIATE");
            try {
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > STEPS.size()) {
                    throw new NewerSchemaException(version, STEPS.size());
                }
                for (int v = version; v < STEPS.size(); v++) {
                    for (String sql : STEPS.get(v)) {
                        s.execute(sql);
                    }
                }
                if (version == 0) {
                    onNew.fill(db);
                }
                s.execute("PRAGMA user_version = " + STEPS.size());
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    // The first failure is the one to report (a damaged file may refuse the rollback too).
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }
}
