package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.common.Formats;
import io.isoscope.views.processes.HostProcessRow;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The process tables as laid out on screen: columns wide enough for their values, and the host-table toggle. */
class GuiProcessTablesTest extends GuiTestBase {

    /** The largest PID Linux hands out on 64-bit hosts (pid_max's ceiling): seven digits. */
    private static final String WIDEST_PID = "4194304";
    /** MainWindow's default width. */
    private static final double DEFAULT_WIDTH = 1560;

    @Test
    void numbersAndStartTimesAreNeverCutShortAndANarrowTableScrolls(FxRobot robot) throws Exception {
        fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("pinger"));
        selectPinger(robot);
        waitUntil(20, () -> !FxQueries.<HostProcessRow>mappedRows(robot, "#hostProcessTable").isEmpty()
                && !FxQueries.mappedRows(robot, "#containerProcessTable").isEmpty());
        // Every column, those that start hidden (VM size, Threads, SI) too: shown from the column menu, they must fit as well.
        robot.interact(() -> robot.lookup("#hostProcessTable").queryTableView().getColumns()
                .forEach(c -> c.setVisible(true)));

        List<String> startTimes = new ArrayList<>(List.of(
                Formats.startTime(LocalDateTime.of(2024, 1, 1, 23, 58, 58).atZone(ZoneId.systemDefault()).toInstant(),
                        ZoneId.systemDefault(), LocalDate.of(2024, 1, 1))));
        for (Month month : Month.values()) {
            LocalDateTime earlier = LocalDateTime.of(2024, month, 28, 20, 58);
            startTimes.add(Formats.startTime(earlier.atZone(ZoneId.systemDefault()).toInstant(),
                    ZoneId.systemDefault(), LocalDate.of(2025, 1, 1)));
        }
        assertThat(startTimes).contains("Nov 28 20:58");
        // The widest values each column must show whole: sizes just below the next unit, CPU time of a daemon up for
        // days on the host (less inside a container).
        Map<String, Map<String, List<String>>> widest = Map.of(
                "#hostProcessTable", Map.of("PID", List.of(WIDEST_PID), "PPID", List.of(WIDEST_PID),
                        "SI", List.of(WIDEST_PID), "Start", startTimes, "CPU (s)", List.of("12345.67"),
                        "Working set", List.of("1023.9 MiB"), "VM size", List.of("1023.9 MiB")),
                "#containerProcessTable", Map.of("PID", List.of(WIDEST_PID), "Host PID", List.of(WIDEST_PID),
                        "CPU (s)", List.of("999.99"), "RSS", List.of("1023.9 MiB")));

        onFx(() -> {
            for (String query : widest.keySet()) {
                TableView<?> table = robot.lookup(query).queryTableView();
                List<String> tooNarrow = new ArrayList<>();
                for (TableColumn<?, ?> column : table.getVisibleLeafColumns()) {
                    List<String> values = widest.get(query).get(column.getText());
                    if (values == null) {
                        continue;
                    }
                    TableCell<?, ?> cell = renderedCell(table, column);
                    Insets insets = cell.getInsets();
                    for (String value : values) {
                        double needed = textWidth(value, cell.getFont()) + insets.getLeft() + insets.getRight();
                        if (needed > column.getWidth()) {
                            tooNarrow.add(column.getText() + " is " + column.getWidth() + " wide, \"" + value
                                    + "\" needs " + needed);
                        }
                    }
                }
                assertThat(tooNarrow).as(query).isEmpty();
                assertThat(cutShort(table, widest.get(query).keySet()))
                        .as("%s: text drawn with an ellipsis", query).isEmpty();
            }
            return null;
        });

        // Narrower than its columns, the host table scrolls sideways and every column keeps its width.
        robot.interact(() -> stage.setWidth(1000));
        waitUntil(5, () -> scrollBar(robot.lookup("#hostProcessTable").queryTableView(), Orientation.HORIZONTAL)
                .isVisible());
        onFx(() -> {
            TableView<?> host = robot.lookup("#hostProcessTable").queryTableView();
            for (TableColumn<?, ?> column : host.getVisibleLeafColumns()) {
                assertThat(column.getWidth()).as(column.getText()).isGreaterThanOrEqualTo(column.getMinWidth());
            }
            return null;
        });
    }

    @Test
    void atTheDefaultWindowSizeTheHostTableFitsWithItsCommandLineAndWholeNames(FxRobot robot) throws Exception {
        fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("pinger"));
        selectPinger(robot);
        waitUntil(20, () -> drawnBadge(robot, "container pinger") != null);
        // Monocle's headless screen (1280 px) clamps the window and cannot draw a wider one, so give the host card
        // the width it has in the default 1560 px window by moving the divider instead. There the divider stands
        // at its initial fraction of the wider split pane (the container card keeps the width it first got).
        robot.interact(() -> {
            SplitPane tables = robot.lookup("#tables").query();
            Region hostCard = robot.lookup("#hostCard").query();
            double wanted = hostCard.getWidth()
                    + (1 - tables.getDividerPositions()[0]) * (DEFAULT_WIDTH - stage.getWidth());
            for (int i = 0; i < 5 && Math.abs(hostCard.getWidth() - wanted) >= 1; i++) {
                tables.setDividerPosition(0, tables.getDividerPositions()[0]
                        - (wanted - hostCard.getWidth()) / tables.getWidth());
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            }
            assertThat(hostCard.getWidth()).as("the host card as in a 1560 px window").isCloseTo(wanted, within(1.0));
        });
        waitUntil(5, () -> drawnBadge(robot, "container pinger") != null);

        onFx(() -> {
            TableView<?> host = robot.lookup("#hostProcessTable").queryTableView();
            assertThat(host.isTableMenuButtonVisible()).as("the menu that shows and hides columns").isTrue();
            assertThat(scrollBar(host, Orientation.HORIZONTAL).isVisible()).as("a horizontal scroll bar").isFalse();
            TableColumn<?, ?> command = column(host, "Command line");
            assertThat(command.isVisible()).isTrue();
            assertThat(command.getWidth()).as("the command line's width").isGreaterThanOrEqualTo(180);

            // A whole program name (the kernel keeps 15 characters) and a typical kernel thread's fit the Name column.
            TableColumn<?, ?> name = column(host, "Name");
            TableCell<?, ?> nameCell = renderedCell(host, name);
            for (String longest : List.of("systemd-journal", "kworker/R-sync_wq", "kworker/0:1-events")) {
                assertThat(textWidth(longest, nameCell.getFont()) + horizontal(nameCell.getInsets()))
                        .as("\"%s\" in Name", longest).isLessThanOrEqualTo(name.getWidth());
            }

            // The badges of a container and a VM worker with names of a demo's length fit the Role column whole.
            Label badge = drawnBadge(robot, "container pinger");
            assertThat(drawnText(badge)).as("drawn, not cut").isEqualTo("container pinger");
            double cellInsets = horizontal(((TableCell<?, ?>) badge.getParent()).getInsets());
            for (String role : List.of("container demo-ping", "VM worker of demo-vm")) {
                double needed = textWidth(role, badge.getFont()) + horizontal(badge.getInsets()) + cellInsets;
                assertThat(needed).as("the badge \"%s\"", role).isLessThanOrEqualTo(column(host, "Role").getWidth());
            }
            return null;
        });
    }

    @Test
    void onlyThisContainerLimitsTheHostTableToTheSelectedContainer(FxRobot robot) throws Exception {
        fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("pinger"));
        selectPinger(robot);
        waitUntil(20, () -> !FxQueries.<HostProcessRow>mappedRows(robot, "#hostProcessTable").isEmpty());
        assertThat(onFx(() -> hostRows(robot).size())).as("off by default: every host process").isGreaterThan(5);

        robot.clickOn("#onlySelected");

        waitUntil(5, () -> hostRows(robot).size() == 1);
        onFx(() -> {
            HostProcessRow only = hostRows(robot).get(0);
            assertThat(only.nameProperty().get()).isEqualTo("ping");
            assertThat(only.roleProperty().get()).isEqualTo(HostProcessRow.ROLE_CONTAINER);
            return null;
        });

        robot.clickOn("#onlySelected");
        waitUntil(5, () -> hostRows(robot).size() > 5);
    }

    /** Clicks the container "pinger" in the list once the list shows it. */
    private static void selectPinger(FxRobot robot) throws Exception {
        waitUntil(20, () -> robot.lookup("#containerTable").queryTableView().getItems().size() == 1);
        robot.clickOn("pinger");
    }

    private static List<HostProcessRow> hostRows(FxRobot robot) {
        TableView<HostProcessRow> table = robot.lookup("#hostProcessTable").query();
        return table.getItems();
    }

    /** A drawn, non-empty cell of {@code column}. */
    private static TableCell<?, ?> renderedCell(TableView<?> table, TableColumn<?, ?> column) {
        return table.lookupAll(".table-cell").stream()
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() == column && !c.isEmpty() && c.isVisible() && c.getText() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no drawn cell in column " + column.getText()));
    }

    /**
     * The column headers and the drawn cells of {@code columns} in {@code table} whose text does not fit, each as
     * "column: text"; a cell's skin draws such text shortened with an ellipsis.
     */
    private static List<String> cutShort(TableView<?> table, Set<String> columns) {
        List<String> cut = new ArrayList<>();
        for (Node n : table.lookupAll(".column-header .label")) {
            Label header = (Label) n;
            if (!drawnText(header).equals(header.getText())) {
                cut.add(header.getText() + ": header");
            }
        }
        for (Node n : table.lookupAll(".table-cell")) {
            TableCell<?, ?> cell = (TableCell<?, ?>) n;
            if (columns.contains(cell.getTableColumn().getText()) && !cell.isEmpty() && cell.isVisible()
                    && cell.getText() != null && !drawnText(cell).equals(cell.getText())) {
                cut.add(cell.getTableColumn().getText() + ": " + cell.getText());
            }
        }
        return cut;
    }

    private static String drawnText(Node labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof Text t ? t.getText() : "";
    }

    private static double textWidth(String value, Font font) {
        Text text = new Text(value);
        text.setFont(font);
        return Math.ceil(text.getLayoutBounds().getWidth());
    }

    private static TableColumn<?, ?> column(TableView<?> table, String text) {
        return table.getColumns().stream().filter(c -> c.getText().equals(text)).findFirst().orElseThrow();
    }

    private static double horizontal(Insets insets) {
        return insets.getLeft() + insets.getRight();
    }

    /** The drawn role badge with {@code text} in the host table, or {@code null}. FX thread. */
    private static Label drawnBadge(FxRobot robot, String text) {
        return robot.from(robot.lookup("#hostProcessTable").queryAs(Node.class)).lookup(".badge")
                .queryAllAs(Label.class).stream().filter(b -> text.equals(b.getText()) && b.isVisible()
                        && b.getParent() instanceof TableCell<?, ?> && b.getScene() != null && b.getWidth() > 0)
                .findFirst().orElse(null);
    }

    private static ScrollBar scrollBar(TableView<?> table, Orientation orientation) {
        return table.lookupAll(".scroll-bar").stream().map(n -> (ScrollBar) n)
                .filter(b -> b.getOrientation() == orientation).findFirst().orElseThrow();
    }
}
