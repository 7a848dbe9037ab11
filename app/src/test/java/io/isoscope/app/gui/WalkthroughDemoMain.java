package io.isoscope.app.gui;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Manual-check launcher: the real app on the real engine (state in {@code ISOSCOPE_HOME}), which opens the walkthrough
 * and clicks Next until {@code --steps=N} steps are done (or Run all with {@code --run-all}), for a screenshot of it mid-way (e.g. under Xvfb). Test code
 * only; not part of the suite. Remove its containers with Cancel, or {@code ./isoscope rm -f} afterwards.
 */
public final class WalkthroughDemoMain {

    private WalkthroughDemoMain() {
    }

    /** Opens the window and walks {@code --steps=N} steps (default 3), or presents them all with {@code --run-all}. */
    public static void main(String[] args) {
        Application.launch(DemoApplication.class, args);
    }

    /** The real application, plus a hand on the walkthrough's buttons. */
    public static final class DemoApplication extends IsoscopeApplication {

        private int wanted;

        @Override
        public void start(Stage stage) {
            super.start(stage);
            wanted = Integer.parseInt(getParameters().getNamed().getOrDefault("steps", "3"));
            ((Button) stage.getScene().lookup("#walkthroughButton")).fire();
            if (getParameters().getRaw().contains("--run-all")) {
                ((Button) stage.getScene().lookup("#runAllButton")).fire();
                return;
            }
            poll(stage);
        }

        /** Every 200 ms: once the current step is done (✓) and fewer than wanted are, click Next. */
        private void poll(Stage stage) {
            PauseTransition wait = new PauseTransition(Duration.millis(200));
            wait.setOnFinished(e -> {
                Node next = stage.getScene().lookup("#nextButton");
                String progress = ((Labeled) stage.getScene().lookup("#progressText")).getText();
                String icon = ((Labeled) stage.getScene().lookup("#outcomeIcon")).getText();
                int done = progress.startsWith("Step ") && icon.equals("✓")
                        ? Integer.parseInt(progress.split(" ")[1]) : progress.startsWith("Step ") ? -1 : 0;
                if (done >= 0 && done < wanted && !next.isDisabled()) {
                    ((Button) next).fire();
                }
                if (done != wanted) {
                    poll(stage);
                }
            });
            wait.play();
        }
    }
}
