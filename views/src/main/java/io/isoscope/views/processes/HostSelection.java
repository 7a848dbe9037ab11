package io.isoscope.views.processes;

import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;

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
        int[] rows = new int[pids.length];
        long[] alive = new long[pids.length];
        int count = 0;
        for (long pid : pids) {
            int row = viewModel.hostIndexOf(pid);
            if (row >= 0) {
                rows[count] = row;
                alive[count++] = pid;
            }
        }
        rows = Arrays.copyOf(rows, count);
        int focus = focusedPid == NONE ? -1 : viewModel.hostIndexOf(focusedPid);
        // Compared as sorted arrays: with every row selected (Ctrl+A) a list comparison would be quadratic.
        int[] wanted = rows.clone();
        Arrays.sort(wanted);
        int[] selected = table.getSelectionModel().getSelectedIndices().stream().mapToInt(Integer::intValue)
                .sorted().toArray();
        if (Arrays.equals(wanted, selected) && focus == table.getFocusModel().getFocusedIndex()) {
            return;
        }
        moving = true;
        try {
            table.getSelectionModel().clearSelection();
            if (rows.length > 0) {
                table.getSelectionModel().selectIndices(rows[0], Arrays.copyOfRange(rows, 1, rows.length));
            }
            if (focus >= 0) {
                table.getFocusModel().focus(focus);
            }
        } finally {
            moving = false;
        }
        pids = Arrays.copyOf(alive, count);
        if (focus < 0) {
            focusedPid = NONE;
        }
    }
}
