package io.isoscope.views.common;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.util.Callback;

/**
 * A column resize policy where one column (a command line) takes whatever width the others leave, never less
 * than its minimum, while every other column keeps the width it has (its preferred width, or what the user dragged
 * it to). Unlike the constrained policies it never squeezes the other columns to make room, and when even the
 * minimum widths do not fit the table scrolls sideways instead of cutting the last columns off. UI thread only.
 */
public final class FillColumnResizePolicy implements Callback<TableView.ResizeFeatures, Boolean> {

    private final TableColumn<?, ?> fill;

    private FillColumnResizePolicy(TableColumn<?, ?> fill) {
        this.fill = fill;
    }

    /** Lets {@code fill} (a column of {@code table}) take the remaining width of {@code table}. UI thread only. */
    public static <S> void install(TableView<S> table, TableColumn<S, ?> fill) {
        table.setColumnResizePolicy(new FillColumnResizePolicy(fill));
    }

    /** Called by the table when its width changes (no column) or the user drags a column's edge. */
    @Override
    public Boolean call(TableView.ResizeFeatures features) {
        TableColumnBase<?, ?> dragged = features.getColumn();
        if (dragged == fill) {
            // Its width is whatever is left over; dragging its edge has nothing to give it.
            return false;
        }
        if (dragged != null) {
            double wanted = dragged.getWidth() + features.getDelta();
            features.setColumnWidth(dragged, Math.max(dragged.getMinWidth(), Math.min(dragged.getMaxWidth(), wanted)));
        }
        double others = 0;
        for (Object column : features.getTable().getVisibleLeafColumns()) {
            if (column != fill) {
                others += ((TableColumnBase<?, ?>) column).getWidth();
            }
        }
        // Rounded down so the columns never overrun the content by a fraction of a pixel (a needless scroll bar).
        features.setColumnWidth(fill, Math.max(fill.getMinWidth(), Math.floor(features.getContentWidth() - others)));
        return true;
    }
}
