package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.isoscope.views.processes.HostProcesses.later;
import static io.isoscope.views.processes.HostProcesses.proc;
import static org.assertj.core.api.Assertions.assertThat;

/** Host plans applied to the rows: rows are positions, and the list changes only when the row count does. */
class HostRowsTest {

    private final HostTablePlanner planner = new HostTablePlanner();
    private final HostRows rows = new HostRows();
    private final HostQuery byCpu = new HostQuery("", false, List.of(new HostSortKey(HostColumn.CPU, false)), false,
            Set.of());
    private final List<String> changes = new ArrayList<>();

    HostRowsTest() {
        rows.list().addListener((ListChangeListener<HostProcessRow>) c -> {
            while (c.next()) {
                changes.add((c.wasRemoved() ? "-" + c.getRemovedSize() : "") + (c.wasAdded() ? "+" + c.getAddedSize() : "")
                        + (c.wasPermutated() ? "permuted" : "") + "@" + c.getFrom());
            }
        });
    }

    private HostTablePlan plan(HostProcess... host) {
        return planner.plan(new ProcessesViewModel.Snapshot(null, List.of(), List.of(host)), byCpu, Map.of());
    }

    @Test
    void aNewOrderGivesTheRowsOtherProcessesWithoutChangingTheList() {
        HostProcess a = proc(1, 0, "a", 1.0, 1);
        HostProcess b = proc(2, 0, "b", 2.0, 1);
        HostProcess c = proc(3, 0, "c", 3.0, 1);
        rows.apply(plan(a, b, c));
        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(3L, 2L, 1L);
        assertThat(changes).containsExactly("+3@0");
        HostProcessRow top = rows.list().get(0);
        List<Number> seenOnTop = new ArrayList<>();
        top.cpuSecondsProperty().addListener((obs, was, now) -> seenOnTop.add(now));
        top.cpuSecondsProperty().get();

        // a overtakes c: the first row now shows a, with its values; the list itself did not change.
        rows.apply(plan(later(a, 9.0, 1), b, c));

        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(1L, 3L, 2L);
        assertThat(rows.list().get(0)).as("the same row, showing another process").isSameAs(top);
        assertThat(seenOnTop).containsExactly(9.0);
        assertThat(changes).as("no list change for a new order").containsExactly("+3@0");
        assertThat(rows.indexOf(1)).isZero();
        assertThat(rows.indexOf(2)).isEqualTo(2);
        assertThat(rows.indexOf(42)).isEqualTo(-1);
    }

    @Test
    void rowsComeAndGoAtTheEndInOneChangeEach() {
        HostProcess a = proc(1, 0, "a", 1.0, 1);
        HostProcess b = proc(2, 0, "b", 2.0, 1);
        HostProcess c = proc(3, 0, "c", 3.0, 1);
        rows.apply(plan(a, b, c));

        rows.apply(plan(a));
        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(1L);
        rows.apply(plan(a, b, c, proc(4, 0, "d", 0.5, 1)));

        assertThat(rows.list()).extracting(HostProcessRow::pid).containsExactly(3L, 2L, 1L, 4L);
        assertThat(changes).containsExactly("+3@0", "-2@1", "+3@1");
        assertThat(rows.shown().entries()).hasSize(4);
    }
}
