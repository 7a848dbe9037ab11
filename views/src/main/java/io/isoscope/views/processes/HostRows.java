package io.isoscope.views.processes;

import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The host table's rows as positions: row {@code i} shows the plan's entry {@code i}, whichever process that is.
 * A refresh that re-orders the table (sorted by CPU, every second) then only changes what the rows show — the list
 * itself changes only when the number of rows does — so the table neither re-configures nor re-styles its cells,
 * and a row no cell shows costs a comparison. The price is that a table's selection, which holds positions, no
 * longer follows a process by itself: {@link #indexOf} tells where a process went. UI thread only.
 */
final class HostRows {

    private final RowList<HostProcessRow> rows = new RowList<>();
    private HostTablePlan shown;

    /** The rows in display order. */
    ObservableList<HostProcessRow> list() {
        return rows;
    }

    /** The plan the rows show, or {@code null} before the first. */
    HostTablePlan shown() {
        return shown;
    }

    /** The position of the process with {@code pid} in the rows, or {@code -1} when they do not show it. */
    int indexOf(long pid) {
        return shown == null ? -1 : shown.indexByPid().positionOf(pid);
    }

    /** Makes the rows show {@code plan}: each row takes its position's entry; rows are added or dropped at the end. */
    void apply(HostTablePlan plan) {
        List<HostEntry> entries = plan.entries();
        int wanted = entries.size();
        int have = rows.size();
        if (have > wanted) {
            rows.truncate(wanted);
        }
        for (int i = 0; i < Math.min(wanted, have); i++) {
            rows.get(i).update(entries.get(i));
        }
        if (wanted > have) {
            List<HostProcessRow> added = new ArrayList<>(wanted - have);
            for (int i = have; i < wanted; i++) {
                added.add(new HostProcessRow(entries.get(i)));
            }
            rows.addAll(added);
        }
        shown = plan;
    }
}
