package io.isoscope.views.processes;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/**
 * The host table's row cell (a {@code table-row-cell}): carries {@code :mapped} and {@code :vm-worker} while its
 * process has them, and does not re-lay itself when it merely shows another process. Its cells are layout roots
 * that re-lay themselves when their value changes, and their places depend only on the columns, so the layout the
 * row's skin asks for on every new item would only re-style the whole row — every visible row every second when
 * the table is sorted by a value that changes. FX thread only.
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

    @Override
    protected void updateItem(HostProcessRow item, boolean empty) {
        HostProcessRow next = empty ? null : item;
        swapping = laidOut && watched != null && next != null;
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
    }
}
