package io.isoscope.app.gui;

import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import org.testfx.api.FxRobot;

import java.util.List;
import java.util.concurrent.TimeoutException;

import static io.isoscope.app.gui.FxQueries.onFx;

/** Opens the tabs about the selected container and reads what they show, for the GUI tests. Stateless. */
final class DetailTabs {

    private DetailTabs() {
    }

    /** Clicks the header of tab {@code name} (the views inside may use the same word, so only headers count). */
    static void open(FxRobot robot, String name) {
        Node header = onFx(() -> robot.from(robot.lookup(".tab-header-area").queryAll()).lookup(name).query());
        robot.clickOn(header);
    }

    /** Clicks container {@code name} in the container list once the list has drawn it. */
    static void select(FxRobot robot, String name) throws TimeoutException {
        FxQueries.waitUntil(20, () -> robot.from(robot.lookup("#containerTable").queryAll()).lookup(name)
                .tryQuery().isPresent());
        Node cell = onFx(() -> robot.from(robot.lookup("#containerTable").queryAll()).lookup(name).query());
        robot.clickOn(cell);
    }

    /** The text on the clipboard. */
    static String clipboard() {
        return onFx(() -> Clipboard.getSystemClipboard().getString());
    }

    /**
     * Whether the last line the list has drawn is in view (lines that came after the last layout pulse are not
     * drawn yet, so they do not count). FX thread.
     */
    static boolean lastInView(ListView<?> list) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) || flow.getCellCount() == 0) {
            return false;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last != null && last.getIndex() == flow.getCellCount() - 1;
    }

    /** The cells of {@code list} that show a line now (the list also keeps spare, hidden ones). FX thread. */
    static List<ListCell<?>> drawnCells(ListView<?> list) {
        return list.lookupAll(".list-cell").stream().<ListCell<?>>map(n -> (ListCell<?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getIndex() >= 0).toList();
    }

    /** Whether a drawn cell of {@code list} has a node matching {@code selector}. FX thread. */
    static boolean drawnCellHas(ListView<?> list, String selector) {
        return drawnCells(list).stream().anyMatch(c -> !c.lookupAll(selector).isEmpty());
    }

    /** Whether the first item of {@code list} is in view. FX thread. */
    static boolean firstInView(ListView<?> list) {
        if (!(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        return first != null && first.getIndex() == 0;
    }
}
