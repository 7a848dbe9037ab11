package io.isoscope.app.gui;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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

    /** Replaces the text of field {@code query} (a text field or an editable combo box) as a user would. */
    static void retype(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
    }

    /** The text in the Run form's image field (the editor of its combo box). FX thread. */
    static String imageText(FxRobot robot) {
        ComboBox<?> image = robot.lookup("#image").query();
        return image.getEditor().getText();
    }

    /** Whether the node found by {@code query} is visible. FX thread. */
    static boolean visible(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node.isVisible();
    }
}
