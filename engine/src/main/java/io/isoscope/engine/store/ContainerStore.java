package io.isoscope.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's SQLite database: containers and their events. Several processes (the GUI and CLI calls) may use
 * the same file at once; SQLite's locking plus a busy timeout serialises them. Thread-safe (one connection,
 * guarded by this object's monitor).
 */
public final class ContainerStore implements AutoCloseable {

    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    private static final int SQLITE_BUSY = 5;

    private static final String COLUMNS = "id, name, image, image_digest, command, isolation, state, exit_code, "
            + "host_pid, created_at, started_at, finished_at, reason, auto_remove, runtime";

    private final Connection db;
    private final ObjectMapper json;

    /** Opens (creating and migrating) the database file. */
    public ContainerStore(Path file, ObjectMapper json) {
        this.json = json;
        try {
            this.db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw cannotOpen(file, e);
        }
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            enableWal(s);
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
            Migrations.apply(db);
        } catch (SQLException e) {
            close();
            throw cannotOpen(file, e);
        }
    }

    private static EngineException cannotOpen(Path file, SQLException e) {
        return new EngineException(EngineException.Kind.IO, "cannot open the engine database " + file + ": "
                + e.getMessage(), e);
    }

    /** Inserts a new container. */
    public synchronized void insert(ContainerInfo c) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO containers (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(ps, c);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save container " + c.name(), e);
        }
    }

    /** Replaces the stored fields of an existing container. */
    public synchronized void update(ContainerInfo c) {
        try (PreparedStatement ps = db.prepareStatement("UPDATE containers SET id=?, name=?, image=?, image_digest=?, "
                + "command=?, isolation=?, state=?, exit_code=?, host_pid=?, created_at=?, started_at=?, "
                + "finished_at=?, reason=?, auto_remove=?, runtime=? WHERE id=?")) {
            bind(ps, c);
            ps.setString(16, c.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("update container " + c.name(), e);
        }
    }

    /**
     * Replaces a container's fields only if its stored state is still {@code expected}; returns whether it did.
     * Several engines (the GUI, CLI calls) may notice the same exit: only the first records it.
     */
    public synchronized boolean updateIfState(ContainerInfo c, ContainerState expected) {
        try (PreparedStatement ps = db.prepareStatement("UPDATE containers SET id=?, name=?, image=?, image_digest=?, "
                + "command=?, isolation=?, state=?, exit_code=?, host_pid=?, created_at=?, started_at=?, "
                + "finished_at=?, reason=?, auto_remove=?, runtime=? WHERE id=? AND state=?")) {
            bind(ps, c);
            ps.setString(16, c.id());
            ps.setString(17, expected.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update container " + c.name(), e);
        }
    }

    /** Deletes a container's record (its events stay). */
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
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM containers ORDER BY created_at DESC, rowid DESC");
             ResultSet rs = ps.executeQuery()) {
            List<ContainerInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("list containers", e);
        }
    }

    /** One container by exact id. */
    public synchronized Optional<ContainerInfo> byId(String id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM containers WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
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

    private void bind(PreparedStatement ps, ContainerInfo c) throws SQLException {
        ps.setString(1, c.id());
        ps.setString(2, c.name());
        ps.setString(3, c.image());
        ps.setString(4, c.imageDigest());
        try {
            ps.setString(5, json.writeValueAsString(c.command()));
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
        ps.setString(6, c.isolation().name());
        ps.setString(7, c.state().name());
        setNullable(ps, 8, c.exitCode() == null ? null : c.exitCode().longValue());
        setNullable(ps, 9, c.hostPid());
        ps.setString(10, c.createdAt().toString());
        ps.setString(11, c.startedAt() == null ? null : c.startedAt().toString());
        ps.setString(12, c.finishedAt() == null ? null : c.finishedAt().toString());
        ps.setString(13, c.reason());
        ps.setInt(14, c.autoRemove() ? 1 : 0);
        ps.setString(15, c.runtime());
    }

    private ContainerInfo read(ResultSet rs) throws SQLException {
        List<String> command;
        try {
            command = json.readValue(rs.getString("command"), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("bad command column", e);
        }
        long exit = rs.getLong("exit_code");
        Integer exitCode = rs.wasNull() ? null : (int) exit;
        long pid = rs.getLong("host_pid");
        Long hostPid = rs.wasNull() ? null : pid;
        return new ContainerInfo(rs.getString("id"), rs.getString("name"), rs.getString("image"),
                rs.getString("image_digest"), command, Isolation.valueOf(rs.getString("isolation")),
                ContainerState.valueOf(rs.getString("state")), exitCode, hostPid,
                Instant.parse(rs.getString("created_at")), instant(rs.getString("started_at")),
                instant(rs.getString("finished_at")), rs.getString("reason"), rs.getInt("auto_remove") == 1,
                rs.getString("runtime"));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static void setNullable(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setLong(i, v);
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
