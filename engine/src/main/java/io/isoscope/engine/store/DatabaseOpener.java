package io.isoscope.engine.store;

import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Opens the engine database and tells damage from everything else. A file SQLite cannot read as a database, one
 * that fails {@code PRAGMA quick_check}, or one whose migration fails is moved aside (never deleted) and replaced
 * by a new database filled from the containers' record files, with a warning. A database from a newer Isoscope is
 * refused untouched; any other failure (busy, disk full, permissions) is reported as it is. Not thread-safe; one
 * instance per open.
 */
final class DatabaseOpener {

    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_SCHEMA = 17;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_NOTADB = 26;
    /** Results that mean the file's contents are bad, as opposed to the moment (busy) or the host (disk, rights). */
    private static final Set<Integer> DAMAGE = Set.of(SQLITE_CORRUPT, SQLITE_NOTADB);
    /** A migration failing with these means the schema is not what its version says: damage too. */
    private static final Set<Integer> BAD_SCHEMA = Set.of(SQLITE_ERROR, SQLITE_CORRUPT, SQLITE_SCHEMA,
            SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_NOTADB);

    /** An open database and what the user should hear about how it was opened. */
    record Opened(Connection db, List<EngineWarning> warnings) {
        Opened {
            warnings = List.copyOf(warnings);
        }
    }

    private final Path file;
    private final ContainerRecordFiles records;
    private final ContainerRows rows;
    private final FileHolders holders;
    private final Clock clock;

    DatabaseOpener(Path file, ContainerRecordFiles records, ContainerRows rows, FileHolders holders, Clock clock) {
        this.file = file.toAbsolutePath();
        this.records = records;
        this.rows = rows;
        this.holders = holders;
        this.clock = clock;
    }

    /** Opens, migrates and if need be recovers the database; throws an {@link EngineException} if it cannot. */
    Opened open() {
        DatabaseDamage damage;
        try (OpenLock shared = lock(true)) {
            Attempt a = attempt();
            List<EngineWarning> warnings = new ArrayList<>();
            if (a.restore().ran() && (a.restore().restored() > 0 || !a.restore().problems().isEmpty())) {
                // Containers exist but the database did not: it was deleted or emptied.
                warnings.add(warning("The engine database " + file + " was missing or empty", null, a.restore()));
            }
            return new Opened(a.db(), warnings);
        } catch (DatabaseDamage d) {
            damage = d;
        }
        return recover(damage);
    }

    private record Attempt(Connection db, RecordRestore restore) {
    }

    private Opened recover(DatabaseDamage damage) {
        Path aside;
        try (OpenLock exclusive = lock(false)) {
            try {
                // Another engine may have recovered it between this one's check and its taking the lock.
                return new Opened(attempt().db(), List.of());
            } catch (DatabaseDamage stillDamaged) {
                refuseIfHeld(damage);
                try {
                    aside = new AsideFiles(file, clock).moveAside();
                } catch (IOException e) {
                    throw new EngineException(EngineException.Kind.IO, "the engine database " + file
                            + " is damaged (" + damage.getMessage() + ") and could not be moved aside: "
                            + e.getMessage() + ". Move it away by hand and start again.", e);
                }
            }
            try {
                Attempt fresh = attempt();
                return new Opened(fresh.db(), List.of(warning("The engine database " + file + " was damaged ("
                        + damage.getMessage() + ")", aside, fresh.restore())));
            } catch (DatabaseDamage impossible) {
                throw new EngineException(EngineException.Kind.IO, "the engine database " + file
                        + " is still unusable after the damaged one was moved to " + aside + ": "
                        + impossible.getMessage(), impossible);
            }
        }
    }

    /**
     * Refuses to move the file while another process (the app, another command, a sqlite3 shell) has it open:
     * SQLite must never have a file renamed under an open connection. Isoscope's own openers cannot start meanwhile
     * (the caller holds the exclusive {@link OpenLock}), so this only finds the long-lived ones.
     */
    private void refuseIfHeld(DatabaseDamage damage) {
        List<Path> names = new ArrayList<>();
        Path dir;
        try {
            dir = file.getParent().toRealPath();
        } catch (IOException e) {
            dir = file.getParent();
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            names.add(dir.resolve(file.getFileName() + suffix));
        }
        List<Long> pids = holders.of(names);
        if (!pids.isEmpty()) {
            throw new EngineException(EngineException.Kind.IO, "the engine database " + file + " is damaged ("
                    + damage.getMessage() + "), but " + (pids.size() == 1 ? "process " : "processes ")
                    + pids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " still " + (pids.size() == 1 ? "has" : "have") + " it open. Close the other Isoscope "
                    + "windows and commands using " + dir + ", then try again: the damaged file will be moved aside "
                    + "and the container list rebuilt.", damage);
        }
    }

    private OpenLock lock(boolean shared) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".open-lock");
        try {
            return OpenLock.acquire(lockFile, shared, BUSY_TIMEOUT);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot open the engine database " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private EngineWarning warning(String what, Path aside, RecordRestore restore) {
        StringBuilder message = new StringBuilder(what);
        if (aside != null) {
            message.append(". It was moved aside to ").append(aside);
        }
        message.append(". The container list was rebuilt from the containers' record files: ")
                .append(restore.restored()).append(restore.restored() == 1 ? " container" : " containers")
                .append(" restored");
        if (!restore.problems().isEmpty()) {
            message.append(", ").append(restore.problems().size()).append(" could not be");
        }
        message.append('.');
        List<String> detail = new ArrayList<>();
        if (!restore.problems().isEmpty()) {
            detail.add("Not restored:");
            restore.problems().forEach(p -> detail.add("  " + p));
        }
        if (aside != null) {
            detail.add("The history of events before the damage is only in " + aside + ".");
        }
        return new EngineWarning(clock.instant(), message.toString(),
                detail.isEmpty() ? null : String.join("\n", detail));
    }

    /** One try at opening: a usable, migrated database, damage, or an {@link EngineException} for the rest. */
    private Attempt attempt() throws DatabaseDamage {
        Connection db;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw damageOrThrow(e, DAMAGE);
        }
        RecordRestore restore = new RecordRestore(records, rows);
        try (Statement s = db.createStatement()) {
            try {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
                enableWal(s);
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
                quickCheck(s);
            } catch (SQLException e) {
                throw damageOrThrow(e, DAMAGE);
            }
            try {
                Migrations.apply(db, restore);
            } catch (NewerSchemaException e) {
                throw new EngineException(EngineException.Kind.IO, "cannot open the engine database " + file
                        + ": it was written by a newer Isoscope (schema " + e.found() + "; this one knows up to "
                        + e.known() + "). Use that newer Isoscope, or move the file away to start with an empty "
                        + "container list.", e);
            } catch (SQLException e) {
                throw damageOrThrow(e, BAD_SCHEMA);
            }
            return new Attempt(db, restore);
        } catch (DatabaseDamage | RuntimeException e) {
            closeQuietly(db);
            throw e;
        } catch (SQLException e) {
            // Only closing the statement can get here.
            closeQuietly(db);
            throw cannotOpen(e);
        }
    }

    /**
     * The damage {@code e} reports if its result code is one of {@code damage} (or the path is not a file SQLite
     * could open); otherwise throws it as a plain failure to open.
     */
    private DatabaseDamage damageOrThrow(SQLException e, Set<Integer> damage) {
        int code = e.getErrorCode() & 0xff;
        if (damage.contains(code)) {
            return new DatabaseDamage(reason(e), e);
        }
        if (code == SQLITE_CANTOPEN && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new DatabaseDamage("it is not a regular file", e);
        }
        throw cannotOpen(e);
    }

    private EngineException cannotOpen(SQLException e) {
        return new EngineException(EngineException.Kind.IO, "cannot open the engine database " + file + ": "
                + e.getMessage(), e);
    }

    /** SQLite's own words, without the driver's "[SQLITE_CORRUPT] ..." prefix when it adds one in parentheses. */
    private static String reason(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage();
        int open = m.lastIndexOf('(');
        return open >= 0 && m.endsWith(")") ? m.substring(open + 1, m.length() - 1) : m;
    }

    /** SQLite's quick integrity check: "ok", or what is wrong (the first few findings). */
    private static void quickCheck(Statement s) throws SQLException, DatabaseDamage {
        List<String> findings = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            while (rs.next() && findings.size() < 3) {
                findings.add(rs.getString(1));
            }
        }
        if (!findings.equals(List.of("ok"))) {
            throw new DatabaseDamage("its integrity check found: " + String.join("; ", findings), null);
        }
    }

    /**
     * Switches the file to WAL. That takes an exclusive lock, and when two processes open a new file at once SQLite
     * answers the lock upgrade with SQLITE_BUSY at once, without the busy timeout (waiting could deadlock), so the
     * wait is done here; once one of them has switched the file, the other's switch is a no-op.
     */
    private static void enableWal(Statement s) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        while (true) {
            try {
                s.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private static void closeQuietly(Connection db) {
        try {
            db.close();
        } catch (SQLException ignored) {
            // the failure that led here is the one to report
        }
    }
}
