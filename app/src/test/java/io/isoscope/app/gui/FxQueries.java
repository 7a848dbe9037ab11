package io.isoscope.app.gui;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the scene graph on the FX thread and polls it with a deadline, for the GUI tests. Stateless. */
final class FxQueries {

    static final PseudoClass MAPPED = PseudoClass.getPseudoClass("mapped");

    private FxQueries() {
    }

    /** Runs {@code query} on the FX thread and returns its result. */
    static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} on the FX thread until it holds; fails after {@code seconds}. */
    static void waitUntil(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }

    /** The rendered rows of table {@code tableQuery} that carry the {@code :mapped} highlight. FX thread. */
    @SuppressWarnings("unchecked")
    static <T> List<TableRow<T>> mappedRows(FxRobot robot, String tableQuery) {
        TableView<T> table = robot.lookup(tableQuery).queryTableView();
        return table.lookupAll(".table-row-cell").stream()
                .map(n -> (TableRow<T>) n)
                .filter(r -> !r.isEmpty() && r.getItem() != null && r.getPseudoClassStates().contains(MAPPED))
                .toList();
    }

    /** Whether the node found by {@code query} is visible. FX thread. */
    static boolean visible(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node.isVisible();
    }
}
