package io.isoscope.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's SQLite database: containers and their events. Several processes (the GUI and CLI calls) may use
 * the same file at once; SQLite's locking plus a busy timeout serialises them. Every change to a container is
 * mirrored into its record file ({@link ContainerRecordFiles}), from which a damaged database is rebuilt when it is
 * opened (see {@link DatabaseOpener}). Thread-safe (one connection, guarded by this object's monitor).
 */
public final class ContainerStore implements AutoCloseable {

    private static final String UPDATE = ContainerRows.UPDATE;

    private final Connection db;
    private final ContainerRows rows;
    private final ContainerRecordFiles records;
    private final List<EngineWarning> warnings;

    /**
     * Opens (creating, migrating and if need be recovering) the database {@code file}; the containers' record files
     * live in their directories under {@code containersDir}; {@code clock} dates warnings and moved-aside files.
     */
    public ContainerStore(Path file, Path containersDir, ObjectMapper json, Clock clock) {
        this.rows = new ContainerRows(json);
        this.records = new ContainerRecordFiles(containersDir, json);
        DatabaseOpener.Opened opened = new DatabaseOpener(file, records, rows, new FileHolders(Path.of("/proc")), clock).open();
        this.db = opened.db();
        this.warnings = opened.warnings();
    }

    /** What opening the database had to repair (a damaged file moved aside, a lost one rebuilt); usually empty. */
    public List<EngineWarning> warnings() {
        return warnings;
    }

    /** Inserts a new container. */
    public synchronized void insert(ContainerInfo c) {
        try {
            changeAndRecord(c, () -> {
                try (PreparedStatement ps = db.prepareStatement(ContainerRows.INSERT)) {
                    rows.bind(ps, c);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw failure("save container " + c.name(), e);
        }
    }

    /** Replaces the stored fields of an existing container. */
    public synchronized void update(ContainerInfo c) {
        try {
            changeAndRecord(c, () -> {
                try (PreparedStatement ps = db.prepareStatement(UPDATE)) {
                    rows.bind(ps, c);
                    ps.setString(ContainerRows.COUNT + 1, c.id());
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw failure("update container " + c.name(), e);
        }
    }

    /**
     * Replaces a container's fields only if its stored state is still {@code expected}; returns whether it did.
     * Several engines (the GUI, CLI calls) may notice the same exit: only the first records it.
     */
    public synchronized boolean updateIfState(ContainerInfo c, ContainerState expected) {
        try {
            return changeAndRecord(c, () -> {
                try (PreparedStatement ps = db.prepareStatement(UPDATE + " AND state=?")) {
                    rows.bind(ps, c);
                    ps.setString(ContainerRows.COUNT + 1, c.id());
                    ps.setString(ContainerRows.COUNT + 2, expected.name());
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw failure("update container " + c.name(), e);
        }
    }

    /** Deletes a container's record (its events stay); its record file goes with its directory. */
    public synchronized void delete(String id) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM containers WHERE id=?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete container " + id, e);
        }
    }

    /** All containers, newest first. */
    public synchronized List<ContainerInfo> all() {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + ContainerRows.COLUMNS + " FROM containers ORDER BY created_at DESC, rowid DESC");
             ResultSet rs = ps.executeQuery()) {
            List<ContainerInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rows.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("list containers", e);
        }
    }

    /** One container by exact id. */
    public synchronized Optional<ContainerInfo> byId(String id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + ContainerRows.COLUMNS + " FROM containers WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read container " + id, e);
        }
    }

    /** Appends an event. */
    public synchronized void append(EngineEvent e) {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO events (time, type, container_id, name, detail) VALUES (?,?,?,?,?)")) {
            ps.setString(1, e.time().toString());
            ps.setString(2, e.type().name());
            ps.setString(3, e.containerId());
            ps.setString(4, e.name());
            ps.setString(5, e.detail());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw failure("record event", ex);
        }
    }

    /** The events of one container (or all when {@code containerId} is null), oldest first. */
    public synchronized List<EngineEvent> events(String containerId) {
        String sql = "SELECT time, type, container_id, name, detail FROM events"
                + (containerId == null ? "" : " WHERE container_id=?") + " ORDER BY seq";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (containerId != null) {
                ps.setString(1, containerId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<EngineEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new EngineEvent(Instant.parse(rs.getString(1)), EngineEvent.Type.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4), rs.getString(5)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("read events", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing a connection that failed is nothing to report
        }
    }

    /** A change of one container's row. */
    @FunctionalInterface
    private interface RowChange {
        /** Makes the change; returns whether a row changed. */
        boolean apply() throws SQLException;
    }

    /**
     * Runs {@code change} in a write transaction and, if it changed the row, replaces the record file of {@code c}
     * before committing. Writing the file under the database's write lock keeps the files of concurrent writers
     * (the GUI, CLI calls) in the order of their commits; a file that cannot be written undoes the change.
     */
    private boolean changeAndRecord(ContainerInfo c, RowChange change) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                boolean changed = change.apply();
                if (changed) {
                    records.write(c);
                }
                s.execute("COMMIT");
                return changed;
            } catch (SQLException | RuntimeException e) {
                rollback(s, e);
                throw e;
            } catch (IOException e) {
                rollback(s, e);
                throw new EngineException(EngineException.Kind.IO, "cannot write the record file "
                        + records.fileOf(c.id()) + " of container " + c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static EngineException failure(String what, SQLException e) {
        if (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed: containers.name")) {
            return new EngineException(EngineException.Kind.CONFLICT, "the container name is already in use", e);
        }
        return new EngineException(EngineException.Kind.IO, "cannot " + what + " in the engine database: "
                + e.getMessage(), e);
    }
}
