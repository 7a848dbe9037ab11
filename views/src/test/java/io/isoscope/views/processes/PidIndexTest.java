package io.isoscope.views.processes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.isoscope.views.processes.HostProcesses.proc;
import static org.assertj.core.api.Assertions.assertThat;

class PidIndexTest {

    private static HostEntry entry(long pid) {
        return new HostEntry(proc(pid, 1, "p", 0, 0), "", false, false, null);
    }

    @Test
    void everyPidFindsItsPositionAndOthersFindNone() {
        List<HostEntry> entries = new ArrayList<>();
        // PIDs that collide in a small table, and the extremes.
        for (long pid : new long[] {1, 17, 33, 49, 65, 4_194_304, Long.MAX_VALUE, 0}) {
            entries.add(entry(pid));
        }
        for (long pid = 100; pid < 5_100; pid++) {
            entries.add(entry(pid));
        }

        PidIndex index = new PidIndex(entries);

        assertThat(index.size()).isEqualTo(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(index.positionOf(entries.get(i).pid())).isEqualTo(i);
        }
        assertThat(index.positionOf(2)).isEqualTo(-1);
        assertThat(index.contains(99)).isFalse();
        assertThat(index.contains(5_099)).isTrue();
        assertThat(new PidIndex(List.of()).contains(1)).isFalse();
    }
}
