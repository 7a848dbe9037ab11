package io.isoscope.engine.store;

import io.isoscope.engine.api.ContainerInfo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a new database's container table from the record files, skipping (and noting) what cannot be restored.
 * Not thread-safe; one per open.
 */
final class RecordRestore implements Migrations.NewSchema {

    private static final int SQLITE_CONSTRAINT = 19;

    private final ContainerRecordFiles records;
    private final ContainerRows rows;
    private final List<String> problems = new ArrayList<>();
    private int restored;
    private boolean ran;

    RecordRestore(ContainerRecordFiles records, ContainerRows rows) {
        this.records = records;
        this.rows = rows;
    }

    @Override
    public void fill(Connection db) throws SQLException {
        // A rolled-back migration may run this again: count only the last run.
        ran = true;
        restored = 0;
        problems.clear();
        ContainerRecordFiles.Scan scan;
        try {
            scan = records.readAll();
        } catch (IOException e) {
            problems.add(records.containersDir() + ": cannot be listed (" + e.getMessage() + ")");
            return;
        }
        problems.addAll(scan.problems());
        for (ContainerInfo c : scan.containers()) {
            try (PreparedStatement ps = db.prepareStatement(ContainerRows.INSERT)) {
                rows.bind(ps, c);
                ps.executeUpdate();
                restored++;
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) {
                    throw e;
                }
                // Only the statement is undone; the transaction and the other rows go on.
                problems.add(records.fileOf(c.id()) + ": not restored, it clashes with another record ("
                        + e.getMessage() + ")");
            }
        }
    }

    /** Whether the schema was new, so that this ran. */
    boolean ran() {
        return ran;
    }

    /** How many containers it put back. */
    int restored() {
        return restored;
    }

    /** One line per record file it could not use. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
