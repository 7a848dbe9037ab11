package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.logs.LogRow;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.List;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Logs tab on a real container that keeps writing: lines arrive live and in view, search, copy. */
class GuiLogsTest extends GuiTestBase {

    private static final String COUNTER = "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done";

    private ContainerInfo startCounter(FxRobot robot) throws Exception {
        ContainerInfo counter = fixture.engine().run(
                ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", COUNTER).withName("counter"));
        DetailTabs.select(robot, "counter");
        DetailTabs.open(robot, "Logs");
        return counter;
    }

    @SuppressWarnings("unchecked")
    private static ListView<LogRow> lines(FxRobot robot) {
        return robot.lookup("#logLines").queryListView();
    }

    /** The texts of the lines listed now; any thread. */
    private static List<String> texts(FxRobot robot) {
        return onFx(() -> shown(robot));
    }

    /** The texts of the lines listed; FX thread. */
    private static List<String> shown(FxRobot robot) {
        return lines(robot).getItems().stream().map(LogRow::text).toList();
    }

    @Test
    void newLinesArriveWhileFollowingAndTheNewestStaysInView(FxRobot robot) throws Exception {
        assertThat(onFx(() -> ((Label) lines(robot).getPlaceholder()).getText()))
                .isEqualTo("Select a container to see its output");
        startCounter(robot);

        waitUntil(20, () -> lines(robot).getItems().size() >= 3);
        assertThat(texts(robot).subList(0, 3)).containsExactly("line 0", "line 1", "line 2");
        // Enough lines to fill the list and more: the newest must stay in view as they keep coming.
        int screenful = onFx(() -> (int) (lines(robot).getHeight() / 20)) + 5;
        waitUntil(30, () -> lines(robot).getItems().size() > screenful);
        int seen = texts(robot).size();
        waitUntil(10, () -> lines(robot).getItems().size() >= seen + 3 && DetailTabs.lastInView(lines(robot)));
        List<String> now = texts(robot);
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i)).isEqualTo("line " + i);
        }
        assertThat(onFx(() -> robot.lookup("#logFollow").queryAs(ToggleButton.class).isSelected())).isTrue();

        // Going up the list (Home) stops following: it stays where the user put it while lines keep coming.
        robot.clickOn("#logLines"); // a line in the middle: focus the list
        robot.type(KeyCode.HOME);
        waitUntil(5, () -> !robot.lookup("#logFollow").queryAs(ToggleButton.class).isSelected()
                && DetailTabs.firstInView(lines(robot)));
        int later = texts(robot).size();
        waitUntil(10, () -> lines(robot).getItems().size() >= later + 3);
        assertThat(onFx(() -> DetailTabs.firstInView(lines(robot)) && !DetailTabs.lastInView(lines(robot)))).isTrue();

        robot.clickOn("#logFollow");
        waitUntil(5, () -> DetailTabs.lastInView(lines(robot)));
    }

    @Test
    void searchHighlightsCountsStepsAndFilters(FxRobot robot) throws Exception {
        startCounter(robot);
        waitUntil(20, () -> lines(robot).getItems().size() >= 12);

        robot.clickOn("#logSearch").write("line 1");
        waitUntil(5, () -> robot.lookup("#logMatchSummary").queryLabeled().getText().endsWith("matches"));
        int matches = Integer.parseInt(onFx(() -> robot.lookup("#logMatchSummary").queryLabeled().getText())
                .replaceAll("\\D", ""));
        assertThat(matches).isGreaterThanOrEqualTo(3); // line 1, line 10, line 11, ...

        robot.type(KeyCode.ENTER);
        waitUntil(5, () -> lines(robot).getSelectionModel().getSelectedItem() != null);
        assertThat(onFx(() -> lines(robot).getSelectionModel().getSelectedItem().text())).isEqualTo("line 1");
        // The list went to the match, drawn highlighted (the current one in its own colour).
        waitUntil(5, () -> DetailTabs.firstInView(lines(robot))
                && DetailTabs.drawnCellHas(lines(robot), ".log-match.current"));
        assertThat(onFx(() -> robot.lookup("#logMatchSummary").queryLabeled().getText())).startsWith("1 of ");
        assertThat(onFx(() -> robot.lookup("#logFollow").queryAs(ToggleButton.class).isSelected()))
                .as("stepping to a match stops following").isFalse();
        robot.type(KeyCode.ENTER);
        assertThat(onFx(() -> lines(robot).getSelectionModel().getSelectedItem().text())).isEqualTo("line 10");

        robot.clickOn("#logOnlyMatching");
        waitUntil(5, () -> shown(robot).stream().allMatch(t -> t.contains("line 1")));
        assertThat(texts(robot)).contains("line 1", "line 10");

        robot.clickOn("#logOnlyMatching");
        FxQueries.retype(robot, "#logSearch", "");
        waitUntil(5, () -> robot.lookup("#logMatchSummary").queryLabeled().getText().isEmpty()
                && !DetailTabs.drawnCellHas(lines(robot), ".log-match"));
    }

    @Test
    void copyPutsTheSelectedOrAllLinesOnTheClipboardAndClearEmptiesTheView(FxRobot robot) throws Exception {
        startCounter(robot);
        waitUntil(20, () -> lines(robot).getItems().size() >= 5);
        robot.clickOn("#logFollow"); // hold the list still
        onFx(() -> {
            lines(robot).scrollTo(0);
            return null;
        });
        waitUntil(5, () -> DetailTabs.firstInView(lines(robot)) && cellOnFx(robot, 3) != null);

        robot.clickOn(cell(robot, 1));
        robot.press(KeyCode.SHIFT).clickOn(cell(robot, 3)).release(KeyCode.SHIFT);
        robot.clickOn("#logCopySelected");
        // A raw log has no times to show; one with recorded times has them in front of each line.
        assertThat(DetailTabs.clipboard()).matches("(\\S+ \\S+ )?line 1\n(\\S+ \\S+ )?line 2\n(\\S+ \\S+ )?line 3\n");

        robot.clickOn("#logTimestamps");
        robot.clickOn("#logCopyAll");
        String all = DetailTabs.clipboard();
        assertThat(all).startsWith("line 0\nline 1\nline 2\nline 3\nline 4\n");
        List<String> copied = all.lines().toList();
        assertThat(copied).isEqualTo(texts(robot).subList(0, copied.size())); // lines keep coming meanwhile

        List<String> before = texts(robot);
        int last = number(before.get(before.size() - 1));
        robot.clickOn("#logClear");
        waitUntil(10, () -> !lines(robot).getItems().isEmpty());
        assertThat(number(texts(robot).get(0))).as("only what came after the clear").isGreaterThan(last);
    }

    @Test
    void aLargeLogKeepsItsNewestLinesInAVirtualizedList(FxRobot robot) throws Exception {
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "seq 1 120000; sleep 600")
                .withName("chatty"));
        DetailTabs.select(robot, "chatty");
        DetailTabs.open(robot, "Logs");

        waitUntil(60, () -> !lines(robot).getItems().isEmpty()
                && lines(robot).getItems().get(lines(robot).getItems().size() - 1).text().equals("120000"));
        assertThat(onFx(() -> lines(robot).getItems().size())).isEqualTo(50_000);
        assertThat(onFx(() -> lines(robot).getItems().get(0).text())).isEqualTo("70001");
        assertThat(onFx(() -> robot.lookup("#logNotice").queryLabeled().getText()))
                .isEqualTo("Showing the newest 50,000 lines: 70,000 older ones are not kept here"
                        + " (isoscope logs chatty prints them all)");
        waitUntil(10, () -> DetailTabs.lastInView(lines(robot)));
        assertThat(onFx(() -> DetailTabs.drawnCells(lines(robot)).size())).as("only the lines in view are drawn")
                .isLessThan(100);
    }

    @Test
    void followingShowsWholeLinesTheNewestAtTheBottomNoneCutAtTheTop(FxRobot robot) throws Exception {
        fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "seq 1 300; sleep 600")
                .withName("tall"));
        DetailTabs.select(robot, "tall");
        DetailTabs.open(robot, "Logs");

        waitUntil(30, () -> lines(robot).getItems().size() == 300 && DetailTabs.lastInView(lines(robot)));
        // Whatever the list's height, the lines in view start at its top edge and the newest ends inside it.
        waitUntil(5, () -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) lines(robot).lookup(".virtual-flow");
            Region viewport = (Region) flow.lookup(".clipped-container");
            IndexedCell<?> first = flow.getFirstVisibleCell();
            IndexedCell<?> last = flow.getLastVisibleCell();
            return first != null && last != null && last.getIndex() == 299
                    && Math.abs(first.getLayoutY()) < 0.5
                    && last.getLayoutY() + last.getHeight() <= viewport.getHeight() + 0.5;
        });
    }

    /** The drawn cell of line {@code index}, or {@code null}; any thread. */
    private static ListCell<?> cell(FxRobot robot, int index) {
        return onFx(() -> cellOnFx(robot, index));
    }

    private static ListCell<?> cellOnFx(FxRobot robot, int index) {
        return DetailTabs.drawnCells(lines(robot)).stream().filter(c -> c.getIndex() == index).findFirst().orElse(null);
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring("line ".length()));
    }
}
