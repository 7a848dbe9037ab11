package io.isoscope.views.common;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fill-column policy on a real, laid-out table (headless toolkit). */
@ExtendWith(ApplicationExtension.class)
class FillColumnResizePolicyTest {

    private TableView<String> table;
    private TableColumn<String, String> pid;
    private TableColumn<String, String> name;
    private TableColumn<String, String> command;
    private Stage stage;

    /** Controls can only be made once the toolkit runs, so the table is built here rather than in field initialisers. */
    @Start
    void start(Stage stage) {
        this.stage = stage;
        table = new TableView<>(FXCollections.observableArrayList("a", "b", "c"));
        pid = column("PID", 100, 100);
        name = column("Name", 80, 120);
        command = column("Command", 100, 100);
        table.getColumns().setAll(pid, name, command);
        FillColumnResizePolicy.install(table, command);
        stage.setScene(new Scene(table, 600, 300));
        stage.show();
    }

    @Test
    void theFillColumnTakesWhatTheOthersLeaveAsTheTableResizes(FxRobot robot) throws Exception {
        waitUntil(() -> command.getWidth() > command.getMinWidth());
        assertThat(on(() -> pid.getWidth())).isEqualTo(100);
        assertThat(on(() -> name.getWidth())).isEqualTo(120);
        assertThat(on(() -> command.getWidth())).isEqualTo(on(this::contentWidth) - 220);
        assertThat(on(() -> horizontalBar().isVisible())).isFalse();

        robot.interact(() -> stage.setWidth(800));
        waitUntil(() -> command.getWidth() == contentWidth() - 220);
        assertThat(on(() -> pid.getWidth() + name.getWidth())).as("the others keep their widths").isEqualTo(220);
    }

    @Test
    void draggingAColumnWiderTakesTheRoomFromTheFillColumnOnly(FxRobot robot) throws Exception {
        waitUntil(() -> command.getWidth() > command.getMinWidth());
        double before = on(() -> command.getWidth());

        robot.interact(() -> table.resizeColumn(name, 50));
        assertThat(on(() -> name.getWidth())).isEqualTo(170);
        assertThat(on(() -> pid.getWidth())).isEqualTo(100);
        assertThat(on(() -> command.getWidth())).isEqualTo(before - 50);

        robot.interact(() -> table.resizeColumn(name, -500));
        assertThat(on(() -> name.getWidth())).as("not below its minimum").isEqualTo(80);

        assertThat(on(() -> table.resizeColumn(command, 40))).as("the fill column's own edge does nothing").isFalse();
        assertThat(on(() -> command.getWidth())).isEqualTo(on(this::contentWidth) - 180);
    }

    @Test
    void aTableNarrowerThanTheMinimumsScrollsInsteadOfCuttingColumns(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setWidth(250));

        waitUntil(() -> horizontalBar().isVisible());
        assertThat(on(() -> pid.getWidth())).isEqualTo(100);
        assertThat(on(() -> name.getWidth())).isEqualTo(120);
        assertThat(on(() -> command.getWidth())).isEqualTo(100);
    }

    private static TableColumn<String, String> column(String title, double min, double pref) {
        TableColumn<String, String> column = new TableColumn<>(title);
        column.setMinWidth(min);
        column.setPrefWidth(pref);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
        return column;
    }

    /** The width rows can use: the inside of the table less a vertical scroll bar, rounded down as the skin does. */
    private double contentWidth() {
        ScrollBar vertical = bar(Orientation.VERTICAL);
        return Math.floor(table.getWidth() - table.getInsets().getLeft() - table.getInsets().getRight()
                - (vertical.isVisible() ? vertical.getWidth() : 0));
    }

    private ScrollBar horizontalBar() {
        return bar(Orientation.HORIZONTAL);
    }

    private ScrollBar bar(Orientation orientation) {
        return table.lookupAll(".scroll-bar").stream().map(n -> (ScrollBar) n)
                .filter(b -> b.getOrientation() == orientation).findFirst().orElseThrow();
    }

    private static <T> T on(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> on(condition));
    }
}
