package io.isoscope.views.processes;

import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the host table's selection and focus on the same processes while refreshes move processes between its rows
 * (the rows are positions, see {@link ProcessesViewModel#hostRows()}): it remembers the PIDs the user selected and,
 * after each refresh, selects the rows that show them now; a process that has exited leaves the selection. FX
 * thread only.
 */
final class HostSelection {

    private static final long NONE = -1;

    private final TableView<HostProcessRow> table;
    private final ProcessesViewModel viewModel;
    private long[] pids = new long[0];
    private long focusedPid = NONE;
    /** Set while this class moves the selection, whose changes are then not the user's. */
    private boolean moving;

    private HostSelection(TableView<HostProcessRow> table, ProcessesViewModel viewModel) {
        this.table = table;
        this.viewModel = viewModel;
    }

    /** Makes {@code table}'s selection follow its processes across {@code viewModel}'s refreshes. */
    static void install(TableView<HostProcessRow> table, ProcessesViewModel viewModel) {
        HostSelection selection = new HostSelection(table, viewModel);
        table.getSelectionModel().getSelectedIndices()
                .addListener((ListChangeListener<Integer>) change -> selection.remember());
        table.getFocusModel().focusedIndexProperty().addListener((obs, was, now) -> selection.rememberFocus());
        viewModel.hostRefreshesProperty().addListener((obs, was, now) -> selection.follow());
    }

    private boolean userChange() {
        return !moving && !viewModel.isApplyingHostRows();
    }

    private void remember() {
        if (!userChange()) {
            return;
        }
        List<Integer> indices = table.getSelectionModel().getSelectedIndices();
        long[] selected = new long[indices.size()];
        int count = 0;
        for (Integer i : indices) {
            if (i != null && i >= 0 && i < table.getItems().size()) {
                selected[count++] = table.getItems().get(i).pid();
            }
        }
        pids = Arrays.copyOf(selected, count);
    }

    private void rememberFocus() {
        if (!userChange()) {
            return;
        }
        int focused = table.getFocusModel().getFocusedIndex();
        focusedPid = focused >= 0 && focused < table.getItems().size() ? table.getItems().get(focused).pid() : NONE;
    }

    /** Selects the rows that show the remembered processes now, if that is not what is selected. */
    private void follow() {
        if (pids.length == 0 && focusedPid == NONE) {
            return;
        }
        List<Integer> rows = new ArrayList<>(pids.length);
        List<Long> alive = new ArrayList<>(pids.length);
        for (long pid : pids) {
            int row = viewModel.hostIndexOf(pid);
            if (row >= 0) {
                rows.add(row);
                alive.add(pid);
            }
        }
        int focus = focusedPid == NONE ? -1 : viewModel.hostIndexOf(focusedPid);
        boolean same = rows.size() == table.getSelectionModel().getSelectedIndices().size()
                && table.getSelectionModel().getSelectedIndices().containsAll(rows)
                && focus == table.getFocusModel().getFocusedIndex();
        if (same) {
            return;
        }
        moving = true;
        try {
            table.getSelectionModel().clearSelection();
            if (!rows.isEmpty()) {
                int[] rest = rows.subList(1, rows.size()).stream().mapToInt(Integer::intValue).toArray();
                table.getSelectionModel().selectIndices(rows.get(0), rest);
            }
            if (focus >= 0) {
                table.getFocusModel().focus(focus);
            }
        } finally {
            moving = false;
        }
        pids = alive.stream().mapToLong(Long::longValue).toArray();
        if (focus < 0) {
            focusedPid = NONE;
        }
    }
}
