package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.processes.HostProcessRow;
import io.isoscope.views.processes.TreeLabel;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import io.isoscope.engine.testing.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.retype;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The host table as a process inspector: header sorting, the tree, copying rows, role badges. */
class GuiHostTableTest extends GuiTestBase {

    @Test
    void clickingAHeaderSortsNumericallyAndTheSortHoldsAcrossRefreshes(FxRobot robot) throws Exception {
        waitUntil(20, () -> hostRows(robot).size() > 5);

        clickHeader(robot, "PID");
        waitUntil(5, () -> sorted(hostRows(robot), Comparator.comparingLong(HostProcessRow::pid)));
        clickHeader(robot, "PID");
        waitUntil(5, () -> sorted(hostRows(robot), Comparator.comparingLong(HostProcessRow::pid).reversed()));
        long highest = onFx(() -> hostRows(robot).get(0).pid());

        // A new process comes in with a refresh: it takes its place in the order, the order holds.
        ContainerInfo late = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("late"));
        long latePid = ownHostPids(late).get(0);
        waitUntil(20, () -> hostRows(robot).stream().anyMatch(r -> r.pid() == latePid));
        onFx(() -> {
            assertThat(sorted(hostRows(robot), Comparator.comparingLong(HostProcessRow::pid).reversed())).isTrue();
            assertThat(hostRows(robot).get(0).pid()).isGreaterThanOrEqualTo(Math.max(highest, latePid));
            return null;
        });

        clickHeader(robot, "Working set");
        waitUntil(5, () -> sorted(hostRows(robot),
                Comparator.comparingLong((HostProcessRow r) -> r.workingSetBytesProperty().get())));
    }

    @Test
    void theSelectionStaysOnItsProcessWhenARefreshMovesIt(FxRobot robot) throws Exception {
        ContainerInfo first = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("first"));
        long firstPid = ownHostPids(first).get(0);
        waitUntil(20, () -> hostRows(robot).stream().anyMatch(r -> r.pid() == firstPid));
        clickHeader(robot, "PID");
        clickHeader(robot, "PID");
        waitUntil(5, () -> sorted(hostRows(robot), Comparator.comparingLong(HostProcessRow::pid).reversed()));
        robot.interact(() -> {
            TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").queryTableView();
            table.getSelectionModel().clearAndSelect(indexOf(robot, firstPid));
        });
        int before = onFx(() -> indexOf(robot, firstPid));

        // Newer processes (with higher PIDs) come in above it: the rows are positions, the selection follows it.
        ContainerInfo second = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("second"));
        long secondPid = ownHostPids(second).get(0);
        waitUntil(20, () -> hostRows(robot).stream().anyMatch(r -> r.pid() == secondPid));
        waitUntil(5, () -> indexOf(robot, firstPid) > before);
        onFx(() -> {
            TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").queryTableView();
            assertThat(table.getSelectionModel().getSelectedItems()).extracting(HostProcessRow::pid)
                    .containsExactly(firstPid);
            assertThat(table.getFocusModel().getFocusedIndex()).isEqualTo(indexOf(robot, firstPid));
            return null;
        });
    }

    private static int indexOf(FxRobot robot, long pid) {
        List<HostProcessRow> rows = hostRows(robot);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pid() == pid) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theTreeShowsChildrenUnderTheirParent(FxRobot robot) throws Exception {
        ContainerInfo pinger = runPinger();
        long pingPid = ownHostPids(pinger).get(0);
        waitUntil(20, () -> hostRows(robot).stream().anyMatch(r -> r.pid() == pingPid));

        robot.clickOn("#hostTree");

        waitUntil(5, () -> hostRows(robot).stream().allMatch(r -> r.treeLabelProperty().get().inTree()));
        onFx(() -> {
            List<HostProcessRow> rows = hostRows(robot);
            Map<Long, HostProcessRow> byPid = rows.stream().collect(Collectors.toMap(HostProcessRow::pid, r -> r));
            for (int i = 0; i < rows.size(); i++) {
                HostProcessRow row = rows.get(i);
                int depth = row.treeLabelProperty().get().depth();
                if (depth == 0) {
                    assertThat(byPid).as("a root's parent is not shown").doesNotContainKey(row.ppidProperty().get());
                    continue;
                }
                int j = i - 1;
                while (rows.get(j).treeLabelProperty().get().depth() >= depth) {
                    j--;
                }
                assertThat(rows.get(j).pid()).as("the row above %s at depth %d - 1", row.pid(), depth)
                        .isEqualTo(row.ppidProperty().get());
            }
            HostProcessRow ping = byPid.get(pingPid);
            assertThat(ping.treeLabelProperty().get().depth()).as("ping runs under its container's monitor").isPositive();
            return null;
        });
        // Drawn as a tree: the ping's name is indented under its parent's.
        showRow(robot, pingPid);
        waitUntil(5, () -> nameCell(robot, pingPid) != null);
        onFx(() -> {
            HostProcessRow parent = hostRows(robot).stream()
                    .filter(r -> r.pid() == rowOf(robot, pingPid).ppidProperty().get()).findFirst().orElseThrow();
            assertThat(indent(nameCell(robot, pingPid))).isGreaterThan(indent(nameCell(robot, parent.pid())));
            return null;
        });

        // Collapsing the ping's parent (selected, Left) hides it, and refreshes keep it hidden.
        long parentPid = onFx(() -> rowOf(robot, pingPid).ppidProperty().get());
        robot.interact(() -> {
            TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(rowOf(robot, parentPid)));
            table.requestFocus();
        });
        robot.type(KeyCode.LEFT);
        waitUntil(5, () -> rowOf(robot, pingPid) == null && rowOf(robot, parentPid) != null
                && rowOf(robot, parentPid).treeLabelProperty().get().disclosure() == TreeLabel.Disclosure.COLLAPSED);
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("later"));
        waitUntil(20, () -> hostRows(robot).stream().anyMatch(r -> r.roleBadgeProperty().get().equals("container later")));
        assertThat(onFx(() -> rowOf(robot, pingPid))).as("still collapsed after refreshes").isNull();
        // The expander opens it again. Pressed in the same FX-thread step that finds it: with the host's processes
        // coming and going, a robot's mouse could arrive after a refresh moved another row under it.
        showRow(robot, parentPid);
        waitUntil(5, () -> nameCell(robot, parentPid) != null);
        robot.interact(() -> {
            Node expander = nameCell(robot, parentPid).getGraphic();
            Bounds b = expander.localToScreen(expander.getBoundsInLocal());
            Event.fireEvent(expander, new MouseEvent(MouseEvent.MOUSE_PRESSED, b.getWidth() / 2, b.getHeight() / 2,
                    b.getCenterX(), b.getCenterY(), MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                    false, true, false, false, null));
        });
        waitUntil(5, () -> rowOf(robot, pingPid) != null);

        robot.clickOn("#hostTree");
        waitUntil(5, () -> rowOf(robot, pingPid) != null && !rowOf(robot, pingPid).treeLabelProperty().get().inTree());
    }

    @Test
    void selectedRowsAreCopiedAsTabSeparatedTextWithAHeader(FxRobot robot) throws Exception {
        ContainerInfo pinger = runPinger();
        long pingPid = ownHostPids(pinger).get(0);
        retype(robot, "#hostFilter", String.valueOf(pingPid));
        waitUntil(20, () -> hostRows(robot).size() == 1 && hostRows(robot).get(0).pid() == pingPid);
        assertThat(onFx(() -> robot.lookup("#hostFilterLabel").queryAs(Label.class).getText()))
                .isEqualTo("get-process -Id");

        robot.clickOn(nameCellNode(robot, pingPid));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);

        String header = "PID\tPPID\tName\tRole\tUser\tCPU (s)\tWorking set\tVM size\tThreads\tSI\tStart\tCommand line";
        waitUntil(5, () -> clipboardText().startsWith(header + "\n"));
        String[] lines = onFx(GuiHostTableTest::clipboardText).split("\n");
        assertThat(lines).hasSize(2);
        String[] values = lines[1].split("\t", -1);
        assertThat(values).hasSize(12);
        assertThat(values[0]).isEqualTo(String.valueOf(pingPid));
        assertThat(values[2]).isEqualTo("ping");
        assertThat(values[3]).isEqualTo("container pinger");
        assertThat(values[11]).isEqualTo("ping 127.0.0.1");

        // The context menu copies too.
        onFx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });
        // Monocle turns no right click into a context-menu request; send the request a right click makes.
        Node cell = nameCellNode(robot, pingPid);
        robot.interact(() -> {
            Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            Event.fireEvent(cell, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5,
                    b.getMinX() + 5, b.getMinY() + 5, false, null));
        });
        robot.clickOn("Copy selected rows (Ctrl+C)");
        waitUntil(5, () -> clipboardText().equals(String.join("\n", lines) + "\n"));
    }

    @Test
    void roleBadgesNameTheContainer(FxRobot robot) throws Exception {
        ContainerInfo pinger = runPinger();
        long pingPid = ownHostPids(pinger).get(0);
        waitUntil(20, () -> robot.lookup("#containerTable").queryTableView().getItems().size() == 1);
        robot.clickOn("pinger"); // its own rows come first, in view

        // Drawn: a visible pill wide enough for its words, styled as a container's badge (laid out in a pulse).
        waitUntil(20, () -> drawnBadges(robot).stream().anyMatch(b -> b.getText().equals("container pinger")
                && b.getStyleClass().contains("badge-container") && b.getWidth() > 40));
        assertThat(onFx(() -> rowOf(robot, pingPid).roleBadgeProperty().get())).isEqualTo("container pinger");
    }

    @Test
    void cellsLineUpWithTheirColumnsAfterTheTreeWidenedAndNarrowedTheName(FxRobot robot) throws Exception {
        // Rows out of view while the Name column changes width come back into view later: they must follow it.
        waitUntil(20, () -> hostRows(robot).size() > 60);
        robot.clickOn("#hostTree"); // the Name column widens for the indent
        waitUntil(5, () -> hostRows(robot).stream().allMatch(r -> r.treeLabelProperty().get().inTree()));
        robot.interact(() -> robot.lookup("#hostProcessTable").queryTableView().scrollTo(40));
        robot.clickOn("#hostTree"); // and narrows again
        waitUntil(5, () -> hostRows(robot).stream().noneMatch(r -> r.treeLabelProperty().get().inTree()));
        for (int index : List.of(0, 20, 45, 0)) {
            robot.interact(() -> robot.lookup("#hostProcessTable").queryTableView().scrollTo(index));
            try {
                waitUntil(5, () -> misplacedCells(robot).isEmpty());
            } catch (TimeoutException e) {
                assertThat(onFx(() -> misplacedCells(robot))).as("cells out of their columns at row %d", index).isEmpty();
            }
        }
    }

    /** Drawn cells whose left edge is not their column's; "column@x", FX thread. */
    private static List<String> misplacedCells(FxRobot robot) {
        TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
        Map<Object, Double> left = new IdentityHashMap<>();
        double x = 0;
        for (var column : table.getVisibleLeafColumns()) {
            left.put(column, x);
            x += column.getWidth();
        }
        return table.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getTableRow() != null && c.getTableRow().isVisible()
                        && c.getTableColumn().isVisible())
                .filter(c -> Math.abs(c.getLayoutX() - left.get(c.getTableColumn())) > 0.5
                        || Math.abs(c.getWidth() - c.getTableColumn().getWidth()) > 0.5)
                .map(c -> c.getTableColumn().getText() + "@" + c.getLayoutX() + "/" + c.getWidth() + " row "
                        + c.getTableRow().getIndex())
                .toList();
    }

    private ContainerInfo runPinger() {
        return fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("pinger"));
    }

    /** Host PIDs of {@code container}'s processes, as the engine correlates them once they run. */
    private List<Long> ownHostPids(ContainerInfo container) {
        return Poll.untilPresent("the host processes of " + container.name(), Duration.ofSeconds(20), () -> {
            List<Long> pids = fixture.engine().hostProcesses().stream()
                    .filter(h -> container.id().equals(h.containerId())).map(HostProcess::pid).toList();
            return pids.isEmpty() ? Optional.empty() : Optional.of(pids);
        });
    }

    private static List<HostProcessRow> hostRows(FxRobot robot) {
        TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
        return new ArrayList<>(table.getItems());
    }

    private static HostProcessRow rowOf(FxRobot robot, long pid) {
        return hostRows(robot).stream().filter(r -> r.pid() == pid).findFirst().orElse(null);
    }

    private static <T> boolean sorted(List<T> rows, Comparator<T> order) {
        for (int i = 1; i < rows.size(); i++) {
            if (order.compare(rows.get(i - 1), rows.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void clickHeader(FxRobot robot, String text) {
        Node header = onFx(() -> robot.lookup("#hostProcessTable .column-header").queryAllAs(TableColumnHeader.class)
                .stream().filter(h -> h.getTableColumn() != null && text.equals(h.getTableColumn().getText()))
                .findFirst().orElseThrow());
        robot.clickOn(header);
    }

    /** The drawn Name cell of the row with {@code pid}, or {@code null} while it is not drawn. FX thread. */
    @SuppressWarnings("unchecked")
    private static TableCell<HostProcessRow, ?> nameCell(FxRobot robot, long pid) {
        TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
        return table.lookupAll(".table-cell").stream().map(n -> (TableCell<HostProcessRow, ?>) n)
                .filter(c -> "Name".equals(c.getTableColumn().getText()) && !c.isEmpty() && c.isVisible()
                        && c.getTableRow() != null && c.getTableRow().getItem() != null
                        && c.getTableRow().getItem().pid() == pid)
                .findFirst().orElse(null);
    }

    private static Node nameCellNode(FxRobot robot, long pid) throws Exception {
        showRow(robot, pid);
        waitUntil(5, () -> nameCell(robot, pid) != null);
        return onFx(() -> nameCell(robot, pid));
    }

    /** How far right the cell draws its text: the indent of a tree row. FX thread. */
    private static double indent(TableCell<?, ?> cell) {
        Node graphic = cell.getGraphic();
        return graphic == null ? 0 : graphic.getBoundsInParent().getWidth();
    }

    /** The role badges in drawn rows of the host table. FX thread. */
    private static List<Label> drawnBadges(FxRobot robot) {
        return robot.from(robot.lookup("#hostProcessTable").queryAs(Node.class)).lookup(".badge")
                .queryAllAs(Label.class).stream().filter(b -> b.isVisible() && b.getParent() != null
                        && b.getParent().isVisible() && b.getScene() != null).toList();
    }

    /** The system clipboard's text, or empty. FX thread. */
    private static String clipboardText() {
        String text = Clipboard.getSystemClipboard().getString();
        return text == null ? "" : text;
    }

    /** Scrolls the host table to the row with {@code pid}, so its cells are drawn. */
    private static void showRow(FxRobot robot, long pid) throws Exception {
        waitUntil(5, () -> rowOf(robot, pid) != null);
        robot.interact(() -> {
            TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
            table.scrollTo(Math.max(0, table.getItems().indexOf(rowOf(robot, pid)) - 2));
        });
    }
}
