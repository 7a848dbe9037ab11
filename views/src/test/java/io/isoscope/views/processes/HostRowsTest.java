package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.isoscope.views.processes.HostProcesses.later;
import static io.isoscope.views.processes.HostProcesses.proc;
import static org.assertj.core.api.Assertions.assertThat;

/** Applying host plans to the rows: by difference against the shown plan, or by PID against another base. */
class HostRowsTest {

    private final HostTablePlanner planner = new HostTablePlanner();
    private final HostRows rows = new HostRows();
    private final HostQuery byCpu = new HostQuery("", false, List.of(new HostSortKey(HostColumn.CPU, false)), false,
            Set.of());

    private HostTablePlan plan(HostTablePlan base, HostProcess... host) {
        return planner.plan(new ProcessesViewModel.Snapshot(null, List.of(), List.of(host)), byCpu, Map.of(), base);
    }

    @Test
    void aPlanTakenAgainstAnotherBaseStillLeavesTheRowsRight() {
        HostProcess a = proc(1, 0, "a", 1.0, 1);
        HostProcess b = proc(2, 0, "b", 2.0, 1);
        HostProcess c = proc(3, 0, "c", 3.0, 1);
        HostTablePlan first = plan(null, a, b, c);
        rows.apply(first);
        HostProcessRow rowA = rows.list().get(2);

        // Two plans against the same base (a refresh and a re-plan for a changed query); the second comes last.
        HostTablePlan refresh = plan(first, later(a, 9.0, 1), b, proc(4, 0, "d", 0.5, 1));
        HostTablePlan replan = plan(first, later(a, 5.0, 1), b, c);
        rows.apply(refresh);
        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(1L, 2L, 4L);
        rows.apply(replan);

        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(1L, 3L, 2L);
        assertThat(rows.list().get(0)).as("the same row object for the same process").isSameAs(rowA);
        assertThat(rowA.cpuSecondsProperty().get()).isEqualTo(5.0);
        assertThat(rows.shown()).isSameAs(replan);

        rows.apply(plan(replan, later(a, 5.0, 1), c));
        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(1L, 3L);
    }

    @Test
    void theDifferenceNamesOnlyWhatChanged() {
        HostProcess a = proc(1, 0, "a", 3.0, 1);
        HostProcess b = proc(2, 0, "b", 2.0, 1);
        HostTablePlan first = plan(null, a, b);

        HostTablePlan same = plan(first, a, b);
        HostTablePlan moved = plan(first, later(a, 1.0, 1), b);
        HostTablePlan grown = plan(first, a, b, proc(3, 0, "c", 0.1, 1));

        assertThat(same.changed()).isEmpty();
        assertThat(same.removed()).isEmpty();
        assertThat(same.orderKept()).isTrue();
        assertThat(moved.changed()).containsExactly(1);
        assertThat(moved.orderKept()).as("a's CPU fell below b's").isFalse();
        assertThat(grown.changed()).containsExactly(2);
        assertThat(grown.orderKept()).as("the new row goes last anyway").isTrue();
        assertThat(plan(first, b).removed()).containsExactly(0);
    }
}
