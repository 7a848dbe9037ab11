package io.isoscope.app.gui.shots;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Drives the real window through a list of {@link ShotSpec}s and captures each state from the screen (dialogs
 * included) into {@code OUT/NAME.png}. Everything happens on the FX thread, one step after another, each wait
 * bounded; a shot that cannot be reached is reported and skipped. FX thread only.
 */
final class ScreenshotTour {

    private static final Duration POLL = Duration.millis(100);
    private static final double STEP_TIMEOUT_S = 30;
    /** After the last step: enough for two refresh ticks and any fade-in. */
    private static final Duration SETTLE = Duration.millis(1600);

    private final Stage stage;
    private final Path out;
    private final List<ShotSpec> shots;
    private final PrintStream log;
    private final Consumer<List<String>> done;
    private final List<String> failures = new ArrayList<>();
    /** Fails the shot in progress; an exception in any step ends up here rather than stalling the tour. */
    private Consumer<String> currentFail = why -> { };

    /** A tour of {@code shots} over the window on {@code stage}; {@code done} hears the shots that failed. */
    ScreenshotTour(Stage stage, Path out, List<ShotSpec> shots, PrintStream log, Consumer<List<String>> done) {
        this.stage = stage;
        this.out = out;
        this.shots = List.copyOf(shots);
        this.log = log;
        this.done = done;
    }

    /** Starts the tour. FX thread. */
    void start() {
        next(0);
    }

    private void next(int index) {
        if (index == shots.size()) {
            done.accept(failures);
            return;
        }
        ShotSpec shot = shots.get(index);
        boolean[] over = {false};
        Consumer<String> fail = why -> {
            if (over[0]) {
                return; // one verdict per shot, however many steps report
            }
            over[0] = true;
            failures.add(shot.name());
            log.println("screenshots: " + shot.name() + " failed: " + why);
            next(index + 1);
        };
        currentFail = fail;
        reset(shot, () -> steps(shot, 0, () -> settle(() -> {
            try {
                capture(shot);
            } catch (IOException | RuntimeException e) {
                fail.accept("could not write the image: " + e);
                return;
            }
            next(index + 1);
        }, fail), fail), fail);
    }

    /** Closes what an earlier shot opened, shows the first tab, and goes back to the light theme unless asked. */
    private void reset(ShotSpec shot, Runnable then, Consumer<String> fail) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w != stage && w.isShowing()) {
                w.hide();
            }
        }
        lookup("#detailTabs").map(TabPane.class::cast).ifPresent(t -> t.getSelectionModel().selectFirst());
        boolean dark = stage.getScene().getRoot().getStyleClass().contains("dark");
        boolean themed = shot.steps().stream().anyMatch(s -> s.action().equals("theme"));
        if (dark && !themed) {
            theme("light", then, fail);
        } else {
            then.run();
        }
    }

    private void steps(ShotSpec shot, int index, Runnable then, Consumer<String> fail) {
        if (index == shot.steps().size()) {
            then.run();
            return;
        }
        ShotSpec.Step step = shot.steps().get(index);
        Runnable next = () -> steps(shot, index + 1, then, fail);
        Consumer<String> failed = why -> fail.accept(step + ": " + why);
        guarded(() -> {
            switch (step.action()) {
                case "select" -> select(step.argument(), next, failed);
                case "tab" -> tab(step.argument(), next, failed);
                case "click" -> click(step.argument(), next, failed);
                case "theme" -> theme(step.argument(), next, failed);
                case "wait" -> after(Duration.seconds(Double.parseDouble(step.argument())), next);
                default -> failed.accept("unknown step");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void select(String name, Runnable then, Consumer<String> fail) {
        waitFor("container " + name + " to be listed", () -> row(name).isPresent(), () -> {
            TableView<Object> table = (TableView<Object>) lookup("#containerTable").orElseThrow();
            Object row = row(name).orElseThrow();
            if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
            table.requestFocus();
            // Its processes arrive with a refresh; a container that does not run has none to wait for.
            boolean running = Boolean.TRUE.equals(property(row, "runningProperty"));
            waitFor("its processes", () -> !running || (filled("#containerProcessTable") && filled("#hostProcessTable")),
                    then, fail);
        }, fail);
    }

    private boolean filled(String tableId) {
        return lookup(tableId).map(n -> !((TableView<?>) n).getItems().isEmpty()).orElse(true);
    }

    @SuppressWarnings("unchecked")
    private Optional<Object> row(String name) {
        return lookup("#containerTable").map(n -> (TableView<Object>) n).flatMap(t -> t.getItems().stream()
                .filter(r -> name.equals(property(r, "nameProperty"))).findFirst());
    }

    /** The value of a row's property by reflection, so the tour needs no view's row class. */
    private static Object property(Object row, String getter) {
        try {
            Method m = row.getClass().getMethod(getter);
            return ((javafx.beans.value.ObservableValue<?>) m.invoke(row)).getValue();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private void tab(String text, Runnable then, Consumer<String> fail) {
        Optional<TabPane> tabs = lookup("#detailTabs").map(TabPane.class::cast);
        Optional<Tab> tab = tabs.flatMap(t -> t.getTabs().stream()
                .filter(x -> x.getText().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))).findFirst());
        if (tab.isEmpty()) {
            fail.accept("no tab \"" + text + "\" (the window has: " + tabs.map(t -> String.join(", ",
                    t.getTabs().stream().map(Tab::getText).toList())).orElse("no tabs") + ")");
            return;
        }
        tabs.get().getSelectionModel().select(tab.get());
        after(Duration.millis(300), then);
    }

    private void click(String id, Runnable then, Consumer<String> fail) {
        Optional<Node> node = lookup(id);
        if (node.isEmpty()) {
            fail.accept("nothing with id " + id + " in the window");
            return;
        }
        if (node.get() instanceof ButtonBase button) {
            button.fire();
        } else {
            Event.fireEvent(node.get(), new MouseEvent(MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, true, false, true, null));
        }
        after(Duration.millis(400), then);
    }

    /** Chooses the theme as a user would: Settings, the Light/Dark toggle, Save. */
    private void theme(String which, Runnable then, Consumer<String> fail) {
        if (!which.equals("dark") && !which.equals("light")) {
            fail.accept("use theme=light or theme=dark");
            return;
        }
        click("#settingsButton", () -> waitFor("the Settings dialog", () -> lookup("#" + which + "Theme").isPresent(), () -> {
            ((ToggleButton) lookup("#" + which + "Theme").orElseThrow()).setSelected(true);
            click("#saveSettings", () -> waitFor("the " + which + " theme",
                    () -> stage.getScene().getRoot().getStyleClass().contains("dark") == which.equals("dark"), then, fail), fail);
        }, fail), fail);
    }

    /** Waits until nothing shows a spinner (a check, a start), then a little more for the tables to refresh. */
    private void settle(Runnable then, Consumer<String> fail) {
        waitFor("the window to settle", () -> Window.getWindows().stream().filter(Window::isShowing)
                .map(Window::getScene).filter(s -> s != null)
                .flatMap(s -> s.getRoot().lookupAll(".progress-indicator").stream())
                .noneMatch(n -> n.isVisible() && n instanceof ProgressIndicator p && p.isIndeterminate()
                        && n.getScene().getWindow().isShowing() && treeVisible(n)),
                () -> after(SETTLE, then), fail);
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void capture(ShotSpec shot) throws IOException {
        Image image = WindowPicture.of(stage);
        Path file = out.resolve(shot.name() + ".png");
        PngFile.write(image, file);
        log.println("screenshots: wrote " + file + " (" + (int) image.getWidth() + "x" + (int) image.getHeight() + ")");
    }

    /** The node with {@code selector} in the main window or, failing that, in another open window. */
    private Optional<Node> lookup(String selector) {
        List<Scene> scenes = new ArrayList<>();
        scenes.add(stage.getScene());
        Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w.getScene() != null)
                .map(Window::getScene).forEach(scenes::add);
        for (Scene s : scenes) {
            Node n = s.lookup(selector);
            if (n != null) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private void waitFor(String what, BooleanSupplier condition, Runnable then, Consumer<String> fail) {
        long deadline = System.nanoTime() + (long) (STEP_TIMEOUT_S * 1e9);
        poll(what, condition, deadline, then, fail);
    }

    private void poll(String what, BooleanSupplier condition, long deadline, Runnable then, Consumer<String> fail) {
        if (condition.getAsBoolean()) {
            guarded(then);
        } else if (System.nanoTime() > deadline) {
            fail.accept("gave up waiting for " + what + " after " + (int) STEP_TIMEOUT_S + " s");
        } else {
            after(POLL, () -> poll(what, condition, deadline, then, fail));
        }
    }

    private void after(Duration delay, Runnable then) {
        PauseTransition pause = new PauseTransition(delay);
        pause.setOnFinished(e -> guarded(then));
        pause.play();
    }

    private void guarded(Runnable step) {
        Consumer<String> fail = currentFail;
        try {
            step.run();
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            fail.accept(e.toString());
        }
    }
}
