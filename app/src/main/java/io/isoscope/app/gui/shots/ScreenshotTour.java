package io.isoscope.app.gui.shots;

import javafx.animation.PauseTransition;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** The window's split panes (by id) and their dividers as the tour found them, put back before each shot. */
    private final Map<String, double[]> dividers = new LinkedHashMap<>();
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
        for (Node n : stage.getScene().getRoot().lookupAll(".split-pane")) {
            if (n instanceof SplitPane split && split.getId() != null) {
                dividers.put("#" + split.getId(), split.getDividerPositions());
            }
        }
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

    /**
     * Closes what an earlier shot opened (panels, the walkthrough, whose containers it removes), undoes what it
     * changed in the host table and the layout, shows the first tab, and goes back to the light theme unless asked.
     */
    private void reset(ShotSpec shot, Runnable then, Consumer<String> fail) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w != stage && w.isShowing()) {
                w.hide();
            }
        }
        lookup("#detailTabs").map(TabPane.class::cast).ifPresent(t -> t.getSelectionModel().selectFirst());
        lookup("#hostTree").map(ToggleButton.class::cast).filter(ToggleButton::isSelected).ifPresent(ToggleButton::fire);
        lookup("#onlySelected").map(CheckBox.class::cast).filter(CheckBox::isSelected).ifPresent(CheckBox::fire);
        lookup("#hostFilter").map(TextInputControl.class::cast).ifPresent(f -> f.setText(""));
        boolean dark = stage.getScene().getRoot().getStyleClass().contains("dark");
        boolean themed = shot.steps().stream().anyMatch(s -> s.action().equals("theme"));
        // After a layout pass without the walkthrough's panel (it narrows the window's middle, and the container
        // side of the tables keeps the narrower width when it goes): the dividers as the tour found them.
        Runnable restore = () -> after(Duration.millis(300), () -> {
            dividers.forEach((id, positions) -> lookup(id).ifPresent(n -> ((SplitPane) n).setDividerPositions(positions)));
            if (dark && !themed) {
                theme("light", then, fail);
            } else {
                after(Duration.millis(300), then);
            }
        });
        // The walkthrough's button is disabled while its panel is open: Cancel ends it and removes its containers.
        boolean walkthroughOpen = lookup("#walkthroughButton").map(Node::isDisabled).orElse(false);
        if (walkthroughOpen) {
            click("#cancelButton", () -> waitFor("the walkthrough to end",
                    () -> !lookup("#walkthroughButton").map(Node::isDisabled).orElse(false), restore, fail), fail);
        } else {
            restore.run();
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
                case "toggle" -> toggle(step.argument(), next, failed);
                case "focus" -> focus(step.argument(), next, failed);
                case "type" -> type(step.argument(), next);
                case "key" -> key(ShotSpec.keyCode(step.argument()), next);
                case "row" -> row(step.argument(), next, failed);
                case "divider" -> divider(step.argument(), next, failed);
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

    /** Fires a button (once it is shown and enabled: a step may still be running) or clicks another node. */
    private void click(String id, Runnable then, Consumer<String> fail) {
        waitFor(id + " to be shown and enabled", () -> lookup(id).filter(n -> !n.isDisabled() && treeVisible(n)).isPresent(), () -> {
            Node node = lookup(id).orElseThrow();
            if (node instanceof ButtonBase button) {
                button.fire();
            } else {
                Event.fireEvent(node, new MouseEvent(MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, MouseButton.PRIMARY, 1,
                        false, false, false, false, true, false, false, true, false, true, null));
            }
            after(Duration.millis(400), then);
        }, fail);
    }

    /** Flips a toggle button or check box as a click would. */
    private void toggle(String id, Runnable then, Consumer<String> fail) {
        waitFor(id + " to be shown", () -> lookup(id).isPresent(), () -> {
            Node node = lookup(id).orElseThrow();
            if (node instanceof ToggleButton || node instanceof CheckBox) {
                ((ButtonBase) node).fire();
                after(Duration.millis(400), then);
            } else {
                fail.accept(id + " is a " + node.getClass().getSimpleName() + ", not a toggle button or check box");
            }
        }, fail);
    }

    private void focus(String id, Runnable then, Consumer<String> fail) {
        waitFor(id + " to be shown", () -> lookup(id).filter(ScreenshotTour::treeVisible).isPresent(), () -> {
            Node node = lookup(id).orElseThrow();
            node.requestFocus();
            waitFor(id + " to take the focus", () -> node.getScene().getFocusOwner() == node, then, fail);
        }, fail);
    }

    /** Types {@code text} into the focused control, one character at a time as the keyboard would. */
    private void type(String text, Runnable then) {
        Node target = focusOwner();
        text.codePoints().forEach(cp -> Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED,
                new String(Character.toChars(cp)), "", KeyCode.UNDEFINED, false, false, false, false)));
        after(Duration.millis(300), then);
    }

    /** Presses and releases a key in the focused control. */
    private void key(KeyCode code, Runnable then) {
        Node target = focusOwner();
        for (var type : List.of(KeyEvent.KEY_PRESSED, KeyEvent.KEY_RELEASED)) {
            Event.fireEvent(target, new KeyEvent(type, KeyEvent.CHAR_UNDEFINED, code.getChar(), code,
                    false, false, false, false));
        }
        after(Duration.millis(300), then);
    }

    /** The control with the keyboard focus in the topmost window of the app (a dialog's, or the main window's). */
    private Node focusOwner() {
        List<Window> open = Window.getWindows().stream().filter(Window::isShowing).toList();
        for (int i = open.size() - 1; i >= 0; i--) {
            Scene scene = open.get(i).getScene();
            if (scene != null && scene.getFocusOwner() != null) {
                return scene.getFocusOwner();
            }
        }
        throw new IllegalStateException("no control has the keyboard focus: add a focus=#ID step first");
    }

    /** Scrolls a table to the first row named {@code TEXT}, with a few rows above it (in a tree: its parents). */
    @SuppressWarnings("unchecked")
    private void row(String argument, Runnable then, Consumer<String> fail) {
        int colon = argument.indexOf(':');
        String id = argument.substring(0, colon);
        String name = argument.substring(colon + 1);
        // A step before (Tree) re-arranges the rows on the next refresh, in the background: wait for it, scroll,
        // and scroll again after another refresh in case the rows moved meanwhile.
        Runnable scroll = () -> {
            int index = rowIndex(id, name);
            if (index >= 0) {
                ((TableView<Object>) lookup(id).orElseThrow()).scrollTo(Math.max(0, index - 2));
            }
        };
        after(SETTLE, () -> waitFor("a row " + name + " in " + id, () -> rowIndex(id, name) >= 0, () -> {
            scroll.run();
            after(SETTLE, () -> {
                scroll.run();
                after(Duration.millis(300), then);
            });
        }, fail));
    }

    @SuppressWarnings("unchecked")
    private int rowIndex(String tableId, String name) {
        Optional<TableView<Object>> table = lookup(tableId).filter(n -> n instanceof TableView<?>)
                .map(n -> (TableView<Object>) n);
        if (table.isEmpty()) {
            return -1;
        }
        List<Object> items = table.get().getItems();
        for (int i = 0; i < items.size(); i++) {
            if (name.equals(property(items.get(i), "nameProperty"))) {
                return i;
            }
        }
        return -1;
    }

    private void divider(String argument, Runnable then, Consumer<String> fail) {
        int colon = argument.indexOf(':');
        Optional<Node> split = lookup(argument.substring(0, colon)).filter(n -> n instanceof SplitPane);
        if (split.isEmpty()) {
            fail.accept("no split pane with id " + argument.substring(0, colon));
            return;
        }
        ((SplitPane) split.get()).setDividerPosition(0, Double.parseDouble(argument.substring(colon + 1)));
        after(Duration.millis(300), then);
    }

    /** Chooses the theme as a user would: Settings, the Light/Dark toggle, Save. */
    private void theme(String which, Runnable then, Consumer<String> fail) {
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
