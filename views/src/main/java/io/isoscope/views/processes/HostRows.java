package io.isoscope.views.processes;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host table's rows, brought in line with each {@link HostTablePlan} with as little UI-thread work as the plan
 * allows: gone rows removed in one change, only new or changed rows touched, and the list re-ordered (one
 * permutation, so the selection survives) only when the order really changed. UI thread only.
 */
final class HostRows {

    private final ObservableList<HostProcessRow> rows = FXCollections.observableArrayList();
    private final Map<Long, HostProcessRow> byPid = new HashMap<>();
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
        removeGone(plan, fresh);
        List<HostProcessRow> added = new ArrayList<>();
        for (HostEntry e : fresh ? plan.changed() : plan.entries()) {
            HostProcessRow row = byPid.get(e.pid());
            if (row == null) {
                row = new HostProcessRow(e);
                byPid.put(e.pid(), row);
                added.add(row);
            } else {
                row.update(e);
            }
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
        if (!(fresh && plan.orderKept()) && !inOrder(plan.entries())) {
            reorder(plan.entries());
        }
        shown = plan;
    }

    private void removeGone(HostTablePlan plan, boolean fresh) {
        Set<HostProcessRow> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        if (fresh) {
            for (Long pid : plan.removed()) {
                HostProcessRow row = byPid.remove(pid);
                if (row != null) {
                    gone.add(row);
                }
            }
        } else {
            for (Iterator<Map.Entry<Long, HostProcessRow>> it = byPid.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, HostProcessRow> e = it.next();
                if (!plan.byPid().containsKey(e.getKey())) {
                    gone.add(e.getValue());
                    it.remove();
                }
            }
        }
        if (!gone.isEmpty()) {
            // One change with every removed range, instead of one change (and one table update) per row.
            rows.removeAll(gone);
        }
    }

    private boolean inOrder(List<HostEntry> entries) {
        if (rows.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (rows.get(i).pid() != entries.get(i).pid()) {
                return false;
            }
        }
        return true;
    }

    private void reorder(List<HostEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            byPid.get(entries.get(i).pid()).rank = i;
        }
        // A sort fires one permutation: the table keeps its selection and focus on the same rows.
        FXCollections.sort(rows, Comparator.comparingInt(r -> r.rank));
    }
}
