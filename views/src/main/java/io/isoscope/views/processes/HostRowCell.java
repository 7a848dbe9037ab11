package io.isoscope.views.processes;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableRow;

import java.util.List;

/**
 * The host table's row cell (a {@code table-row-cell}): carries {@code :mapped} and {@code :vm-worker} while its
 * process has them, and does not re-lay itself when it merely shows another process. Its cells are layout roots
 * that re-lay themselves when their value changes ({@link io.isoscope.views.common.LayoutRootCells}), and their
 * places depend only on the columns, so the layout the row's skin asks for on every new item would only re-style
 * the whole row — every visible row every second when the table is sorted by a value that changes. FX thread only.
 */
final class HostRowCell extends TableRow<HostProcessRow> {

    private static final PseudoClass MAPPED = PseudoClass.getPseudoClass("mapped");
    private static final PseudoClass VM_WORKER = PseudoClass.getPseudoClass("vm-worker");

    private final ChangeListener<Boolean> mapped = (obs, was, now) -> pseudoClassStateChanged(MAPPED, now);
    private final ChangeListener<Boolean> vmWorker = (obs, was, now) -> pseudoClassStateChanged(VM_WORKER, now);
    private HostProcessRow watched;
    /** Set while the row takes a new process in place of another, when its layout would not change. */
    private boolean swapping;
    private boolean laidOut;
    /**
     * The visible columns' widths when the row was last laid out. A row that was out of view (in the table's
     * spare cells) while the columns changed, as when the tree widens the Name column, must be laid out again
     * when it shows a process, or its cells stay where the old widths put them.
     */
    private double[] laidOutWidths = new double[0];

    @Override
    protected void updateItem(HostProcessRow item, boolean empty) {
        HostProcessRow next = empty ? null : item;
        swapping = laidOut && watched != null && next != null && columnsAsLaidOut();
        try {
            super.updateItem(item, empty);
        } finally {
            swapping = false;
        }
        if (next == watched) {
            return;
        }
        if (watched != null) {
            watched.mappedProperty().removeListener(mapped);
            watched.vmWorkerProperty().removeListener(vmWorker);
        }
        watched = next;
        if (next == null) {
            pseudoClassStateChanged(MAPPED, false);
            pseudoClassStateChanged(VM_WORKER, false);
            return;
        }
        next.mappedProperty().addListener(mapped);
        next.vmWorkerProperty().addListener(vmWorker);
        pseudoClassStateChanged(MAPPED, next.mappedProperty().get());
        pseudoClassStateChanged(VM_WORKER, next.vmWorkerProperty().get());
    }

    @Override
    public void requestLayout() {
        if (!swapping) {
            super.requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        laidOut = true;
        List<? extends TableColumnBase<?, ?>> columns = visibleColumns();
        if (laidOutWidths.length != columns.size()) {
            laidOutWidths = new double[columns.size()];
        }
        for (int i = 0; i < laidOutWidths.length; i++) {
            laidOutWidths[i] = columns.get(i).getWidth();
        }
    }

    /** Whether the visible columns are as wide as at the row's last layout; allocates nothing (every row, every refresh). */
    private boolean columnsAsLaidOut() {
        List<? extends TableColumnBase<?, ?>> columns = visibleColumns();
        if (columns.size() != laidOutWidths.length) {
            return false;
        }
        for (int i = 0; i < laidOutWidths.length; i++) {
            if (columns.get(i).getWidth() != laidOutWidths[i]) {
                return false;
            }
        }
        return true;
    }

    private List<? extends TableColumnBase<?, ?>> visibleColumns() {
        return getTableView() == null ? List.of() : getTableView().getVisibleLeafColumns();
    }
}
