package io.isoscope.views.processes;

import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host table's rows, brought in line with each {@link HostTablePlan} with as little UI-thread work as the plan
 * allows: the rows found by position (no lookups), gone rows removed by position in one change, only new or changed
 * rows touched, and the list re-ordered (one permutation, so the selection survives) only when the order really
 * changed. The list is always in the shown plan's order. UI thread only.
 */
final class HostRows {

    private static final HostProcessRow[] NONE = new HostProcessRow[0];

    private final RowList<HostProcessRow> rows = new RowList<>();
    /** The rows by PID, for a plan whose difference was taken against another plan than the one shown. */
    private final Map<Long, HostProcessRow> byPid = new HashMap<>();
    /** The rows in the shown plan's order, which is also the list's order. */
    private HostProcessRow[] current = NONE;
    /** Written on the UI thread, read by background planning. */
    private volatile HostTablePlan shown;

    /** The rows in display order. */
    ObservableList<HostProcessRow> list() {
        return rows;
    }

    /** The plan the rows show, or {@code null} before the first; the base for the next plan. */
    HostTablePlan shown() {
        return shown;
    }

    /** Makes the rows show {@code plan}. */
    void apply(HostTablePlan plan) {
        // The plan's difference is only valid against the plan it was taken from; otherwise compare every row.
        boolean fresh = shown != null && plan.baseVersion() == shown.version();
        List<HostEntry> entries = plan.entries();
        HostProcessRow[] next = new HostProcessRow[entries.size()];
        List<HostProcessRow> added = new ArrayList<>();
        int[] gone;
        if (fresh) {
            int[] from = plan.baseIndex();
            for (int i = 0; i < next.length; i++) {
                next[i] = from[i] < 0 ? null : current[from[i]];
            }
            for (int i : plan.changed()) {
                next[i] = updated(next[i], entries.get(i), added);
            }
            gone = plan.removed();
        } else {
            for (int i = 0; i < next.length; i++) {
                next[i] = updated(byPid.get(entries.get(i).pid()), entries.get(i), added);
            }
            gone = goneFrom(plan);
        }
        for (int j : gone) {
            byPid.remove(current[j].pid());
        }
        for (HostProcessRow row : added) {
            byPid.put(row.pid(), row);
        }
        // The positions in the shown plan are the positions in the list: one change removes them all.
        rows.removeAt(gone);
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
        if (!(fresh && plan.orderKept()) && !inOrder(next)) {
            for (int i = 0; i < next.length; i++) {
                next[i].rank = i;
            }
            // One permutation: the table keeps its selection and focus on the same rows.
            rows.permute(r -> r.rank);
        }
        current = next;
        shown = plan;
    }

    /** Positions (ascending) of the shown rows that {@code plan} does not have. */
    private int[] goneFrom(HostTablePlan plan) {
        int[] positions = new int[current.length];
        int count = 0;
        for (int j = 0; j < current.length; j++) {
            if (!plan.indexByPid().contains(current[j].pid())) {
                positions[count++] = j;
            }
        }
        return Arrays.copyOf(positions, count);
    }

    /** {@code row} updated to {@code entry}, or a new row for it (noted in {@code added}) when there is none. */
    private static HostProcessRow updated(HostProcessRow row, HostEntry entry, List<HostProcessRow> added) {
        if (row == null) {
            HostProcessRow created = new HostProcessRow(entry);
            added.add(created);
            return created;
        }
        row.update(entry);
        return row;
    }

    private boolean inOrder(HostProcessRow[] next) {
        if (rows.size() != next.length) {
            return false;
        }
        for (int i = 0; i < next.length; i++) {
            if (rows.get(i) != next[i]) {
                return false;
            }
        }
        return true;
    }
}
