package io.isoscope.views.common;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.Callback;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a value that changes in a table cell from re-laying out more than that cell. A table's cells are managed
 * children of their rows, so one changed text asks its row for layout, and a row that needs layout makes the
 * table's virtual flow rebuild every visible row (re-applying each one's CSS) and lays out every node above it:
 * with values that change every second (CPU time, uptime), that is every refresh, for a table of three rows as for
 * one of thousands. Here the cells are layout roots instead, and each one that needs layout is laid out at the
 * start of the next pulse. That last part is needed: JavaFX marks a layout root's ancestors only up to the first
 * that is already marked, and a row marked while the table was being laid out can stay marked with nothing above
 * it, so the cell's request never reaches a layout pass and the cell goes on showing its old value (a running
 * container's "—" uptime, a host row's previous process). UI thread only.
 */
public final class LayoutRootCells {

    private final List<TableCell<?, ?>> waiting = new ArrayList<>();
    private final Runnable layOutWaiting = this::layOutWaiting;

    private LayoutRootCells() {
    }

    /**
     * Makes the cells of {@code table}'s columns layout roots: unmanaged, so the row still sizes and places them
     * when it is laid out, and a cell whose value changes is laid out alone before the next frame. Call it once the
     * columns have their cell factories; a factory set later is not covered.
     */
    public static <S> void install(TableView<S> table) {
        LayoutRootCells cells = new LayoutRootCells();
        for (TableColumn<S, ?> column : table.getColumns()) {
            cells.layoutRoots(column);
        }
        if (table.getScene() != null) {
            table.getScene().addPreLayoutPulseListener(cells.layOutWaiting);
        }
        table.sceneProperty().addListener((obs, was, now) -> cells.moved(was, now));
    }

    private <S, T> void layoutRoots(TableColumn<S, T> column) {
        for (TableColumn<S, ?> nested : column.getColumns()) {
            layoutRoots(nested);
        }
        Callback<TableColumn<S, T>, TableCell<S, T>> factory = column.getCellFactory();
        column.setCellFactory(c -> {
            TableCell<S, T> cell = factory.call(c);
            cell.setManaged(false);
            cell.needsLayoutProperty().addListener((obs, was, now) -> {
                if (now) {
                    waiting.add(cell);
                    // The request may not have reached the scene, which then would not ask for a pulse itself.
                    Platform.requestNextPulse();
                }
            });
            return cell;
        });
    }

    private void moved(Scene from, Scene to) {
        if (from != null) {
            from.removePreLayoutPulseListener(layOutWaiting);
        }
        if (to != null) {
            to.addPreLayoutPulseListener(layOutWaiting);
        }
    }

    /**
     * Lays out the cells that asked for it since the last pulse, before the scene's layout pass (which then finds
     * them done). A cell no longer in a scene is left to the layout of the row that shows it again.
     */
    private void layOutWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        List<TableCell<?, ?>> cells = List.copyOf(waiting);
        waiting.clear();
        for (TableCell<?, ?> cell : cells) {
            if (cell.isNeedsLayout() && cell.getScene() != null) {
                cell.layout();
            }
        }
    }
}
