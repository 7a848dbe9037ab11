package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.containers.ContainerRow;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh that only changes values (a running container's uptime, every second) redraws the cells that show
 * them without laying out their rows: a row that needs layout makes the table rebuild every visible row, every
 * refresh. The cells redraw all the same (as layout roots their requests could get lost).
 */
class GuiRefreshLayoutTest extends GuiTestBase {

    @Test
    void aTickingUptimeRedrawsItsCellWithoutLayingOutItsRow(FxRobot robot) throws Exception {
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName("ticker"));
        TableView<ContainerRow> table = robot.lookup("#containerTable").queryTableView();
        waitUntil(20, () -> table.getItems().size() == 1 && drawnUptime(table).endsWith("s"));
        // One refresh after the row first appeared, so the layout of its arrival is over.
        String arrived = onFx(() -> drawnUptime(table));
        waitUntil(5, () -> !drawnUptime(table).equals(arrived));

        List<String> layoutRequests = new CopyOnWriteArrayList<>();
        onFx(() -> {
            table.lookupAll(".table-row-cell").forEach(row -> watch(row, layoutRequests));
            return null;
        });
        List<String> drawn = new CopyOnWriteArrayList<>(List.of(onFx(() -> drawnUptime(table))));
        waitUntil(10, () -> {
            String now = drawnUptime(table);
            if (!now.equals(drawn.get(drawn.size() - 1))) {
                drawn.add(now);
            }
            return drawn.size() >= 3;
        });

        assertThat(drawn).as("the uptime drawn at each refresh").doesNotHaveDuplicates();
        // The cell catches up with each value (drawn at the pulse after the refresh that brought it).
        waitUntil(5, () -> drawnUptime(table).equals(table.getItems().get(0).uptimeProperty().get()));
        assertThat(layoutRequests).as("rows laid out while only the uptime changed").isEmpty();
    }

    /** Notes each time {@code row} comes to need layout, which makes the table rebuild all its rows. FX thread. */
    private static void watch(Node row, List<String> requests) {
        ((Parent) row).needsLayoutProperty().addListener((obs, was, now) -> {
            if (now) {
                requests.add("row " + ((TableRow<?>) row).getIndex() + " needs layout");
            }
        });
    }

    /** The text the Uptime cell of the table's one row draws (its skin's text node, updated when laid out). FX thread. */
    private static String drawnUptime(TableView<ContainerRow> table) {
        return table.lookupAll(".table-cell").stream()
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "Uptime".equals(c.getTableColumn().getText())
                        && !c.isEmpty() && c.getIndex() == 0)
                .findFirst()
                .map(c -> c.lookup(".text"))
                .map(n -> n instanceof Text t ? t.getText() : "")
                .orElse("");
    }
}
