package io.isoscope.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The shape of a row of the {@code containers} table: binding a {@link ContainerInfo} to its columns and reading
 * one back. Shared by the store and the restore from record files. Thread-safe (the mapper is).
 */
final class ContainerRows {

    /** The columns, in the order {@link #bind} fills them. */
    static final String COLUMNS = "id, name, image, image_digest, command, isolation, state, exit_code, "
            + "host_pid, created_at, started_at, finished_at, reason, auto_remove, runtime, tty, env, memory_bytes, "
            + "nano_cpus, pids_limit";
    /** How many parameters {@link #bind} sets. */
    static final int COUNT = COLUMNS.split(", ").length;
    /** Inserts one row; bind with {@link #bind}. */
    static final String INSERT = "INSERT INTO containers (" + COLUMNS + ") VALUES ("
            + "?,".repeat(COUNT - 1) + "?)";
    /**
     * Replaces every column of one row; bind with {@link #bind}, then set parameter {@code COUNT + 1} to the id of
     * the row to change.
     */
    static final String UPDATE = "UPDATE containers SET " + COLUMNS.replace(", ", "=?, ") + "=? WHERE id=?";

    private final ObjectMapper json;

    ContainerRows(ObjectMapper json) {
        this.json = json;
    }

    /** Sets parameters 1 to {@link #COUNT} to the fields of {@code c}, in {@link #COLUMNS} order. */
    void bind(PreparedStatement ps, ContainerInfo c) throws SQLException {
        ps.setString(1, c.id());
        ps.setString(2, c.name());
        ps.setString(3, c.image());
        ps.setString(4, c.imageDigest());
        ps.setString(5, jsonOf(c.command()));
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
        ps.setInt(16, c.tty() ? 1 : 0);
        ps.setString(17, c.env() == null ? null : jsonOf(c.env()));
        ResourceLimits limits = c.limits();
        setNullable(ps, 18, limits == null ? null : limits.memoryBytes());
        setNullable(ps, 19, limits == null ? null : limits.nanoCpus());
        setNullable(ps, 20, limits == null ? null : limits.pidsLimit());
    }

    /** The container in the current row of a result selecting {@link #COLUMNS}. */
    ContainerInfo read(ResultSet rs) throws SQLException {
        List<String> command = strings(rs, "command");
        String envText = rs.getString("env");
        List<String> env = envText == null ? null : strings(rs, "env");
        long exit = rs.getLong("exit_code");
        Integer exitCode = rs.wasNull() ? null : (int) exit;
        long pid = rs.getLong("host_pid");
        Long hostPid = rs.wasNull() ? null : pid;
        return new ContainerInfo(rs.getString("id"), rs.getString("name"), rs.getString("image"),
                rs.getString("image_digest"), command, Isolation.valueOf(rs.getString("isolation")),
                ContainerState.valueOf(rs.getString("state")), exitCode, hostPid,
                Instant.parse(rs.getString("created_at")), instant(rs.getString("started_at")),
                instant(rs.getString("finished_at")), rs.getString("reason"), rs.getInt("auto_remove") == 1,
                rs.getString("runtime"), rs.getInt("tty") == 1, env, limits(rs));
    }

    /** The limits in the current row, or {@code null} when the row was written before they were kept. */
    private static ResourceLimits limits(ResultSet rs) throws SQLException {
        long memory = rs.getLong("memory_bytes");
        if (rs.wasNull()) {
            return null;
        }
        return new ResourceLimits(memory, rs.getLong("nano_cpus"), rs.getLong("pids_limit"));
    }

    private List<String> strings(ResultSet rs, String column) throws SQLException {
        try {
            return json.readValue(rs.getString(column), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("bad " + column + " column", e);
        }
    }

    private String jsonOf(List<String> strings) throws SQLException {
        try {
            return json.writeValueAsString(strings);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
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
}
