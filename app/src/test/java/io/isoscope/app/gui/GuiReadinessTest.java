package io.isoscope.app.gui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.util.Optional;

import static io.isoscope.app.gui.FxQueries.onFx;
import static io.isoscope.app.gui.FxQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The Readiness panel on a host whose runc is missing (the real engine pointed at a runc that does not exist). */
class GuiReadinessTest extends GuiTestBase {

    @Override
    protected EngineFixture openFixture() {
        return EngineFixture.withoutRunc();
    }

    /** The panel's card for {@code isolation}, once the panel shows it. */
    private static Optional<Node> card(String id) {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().lookup(id))
                .filter(n -> n != null).findFirst();
    }

    private static String text(Node card, String styleClass) {
        return card.lookupAll("." + styleClass).stream().map(n -> ((Labeled) n).getText()).findFirst().orElse(null);
    }

    @Test
    void bothIsolationsAreListedAndTheMissingRuncComesWithItsFix(FxRobot robot) throws Exception {
        robot.clickOn("#readinessButton");

        waitUntil(20, () -> card("#readiness-process-isolation").isPresent() && card("#readiness-hyper-v-isolation").isPresent());
        onFx(() -> {
            Node process = card("#readiness-process-isolation").orElseThrow();
            assertThat(text(process, "readiness-status")).isEqualTo("Not available");
            assertThat(text(process, "readiness-reason")).contains("The configured runc (/nonexistent/runc) does not exist")
                    .contains("Settings");
            assertThat(text(process, "readiness-fix-step")).contains("ISOSCOPE_RUNC");
            Node vm = card("#readiness-hyper-v-isolation").orElseThrow();
            String state = text(vm, "readiness-status");
            assertThat(state).isIn("Works here", "Not available");
            if (state.equals("Works here")) {
                assertThat(text(vm, "readiness-runtime")).startsWith("qemu ").containsAnyOf("TCG", "KVM");
                assertThat(text(vm, "readiness-note")).isNotBlank();
            } else {
                assertThat(text(vm, "readiness-reason")).isNotBlank();
                assertThat(vm.lookupAll(".readiness-fix-step").size() + vm.lookupAll(".fix-command").size()).isPositive();
            }
            assertThat(robot.lookup("#readinessSummary").queryLabeled().getText()).matches("(1 of 2 isolations work here|No isolation works here yet)");
            return null;
        });
    }

    @Test
    void theHeaderLineOpensThePanelAndCheckAgainAsksAfresh(FxRobot robot) throws Exception {
        waitUntil(20, () -> robot.lookup("#readiness").queryLabeled().getText().contains("Process: unavailable"));
        robot.clickOn("#readiness");
        waitUntil(20, () -> card("#readiness-process-isolation").isPresent()
                && robot.lookup("#readinessStatus").queryLabeled().getText().startsWith("Checked at"));

        robot.clickOn("#checkAgain");

        waitUntil(20, () -> !robot.lookup("#checkAgain").query().isDisabled()
                && robot.lookup("#readinessStatus").queryLabeled().getText().startsWith("Checked at"));
        assertThat(onFx(() -> card("#readiness-process-isolation").isPresent())).isTrue();
        robot.clickOn("#closeReadiness");
        waitUntil(10, () -> robot.lookup("#checkAgain").tryQuery().isEmpty());
    }
}
