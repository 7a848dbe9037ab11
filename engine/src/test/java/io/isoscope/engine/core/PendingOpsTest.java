package io.isoscope.engine.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PendingOpsTest {

    @TempDir
    Path dir;

    @Test
    void anOperationIsJournalledUntilItEnds() {
        PendingOps ops = new PendingOps(dir);
        ops.begin("c1", PendingOps.Op.START, "web");
        ops.begin("c2", PendingOps.Op.REMOVE, "db");
        assertThat(ops.of("c1")).contains(new PendingOps.Pending(PendingOps.Op.START, "web"));
        assertThat(ops.all()).isEqualTo(Map.of("c1", new PendingOps.Pending(PendingOps.Op.START, "web"),
                "c2", new PendingOps.Pending(PendingOps.Op.REMOVE, "db")));

        ops.begin("c1", PendingOps.Op.STOP, "web");
        assertThat(ops.of("c1").map(PendingOps.Pending::op)).as("a later operation replaces it").contains(PendingOps.Op.STOP);
        ops.end("c1");
        assertThat(ops.of("c1")).isEmpty();
        assertThat(ops.all()).containsOnlyKeys("c2");
        ops.end("c1"); // ending twice is harmless
    }

    @Test
    void aTornEntryReadsAsAnInterruptedCreateSoRecoveryKeepsOnlyWhatCommitted() throws IOException {
        Files.writeString(dir.resolve("0123456789abcdef.pending"), "STA");
        assertThat(new PendingOps(dir).of("0123456789abcdef"))
                .contains(new PendingOps.Pending(PendingOps.Op.CREATE, "0123456789ab"));
    }
}
