package io.isoscope.app.gui.shots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One screenshot to take: its name (the PNG's file name) and the steps that bring the window to the state to show,
 * written as one line, e.g. {@code "readiness select=demo-ping click=#readinessButton"}. Immutable, thread-safe.
 *
 * <p>Steps: {@code select=NAME} selects a container (waiting for it to be listed); {@code tab=TEXT} shows a detail
 * tab; {@code click=#ID} fires a button (or clicks a node) by its id; {@code theme=light|dark} chooses the theme in
 * the Settings dialog and saves it; {@code wait=SECONDS} waits, e.g. for a chart to fill.
 *
 * @param name  the file name without {@code .png}
 * @param steps the steps in order
 */
record ShotSpec(String name, List<Step> steps) {

    /** One step: what to do and to what. */
    record Step(String action, String argument) {
        @Override
        public String toString() {
            return action + "=" + argument;
        }
    }

    private static final List<String> ACTIONS = List.of("select", "tab", "click", "theme", "wait");

    ShotSpec {
        steps = List.copyOf(steps);
    }

    /** Reads one line; throws {@link IllegalArgumentException} naming what is wrong. */
    static ShotSpec parse(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
        String name = words.remove(0);
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("screenshot name \"" + name + "\": use lower-case letters, digits, . _ -");
        }
        List<Step> steps = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            String action = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0 || !ACTIONS.contains(action)) {
                throw new IllegalArgumentException("screenshot " + name + ": unknown step \"" + word + "\"; use "
                        + String.join("=..., ", ACTIONS) + "=...");
            }
            // Tab names may have spaces: written with underscores on the command line.
            steps.add(new Step(action, word.substring(eq + 1).replace('_', ' ')));
        }
        return new ShotSpec(name, steps);
    }
}
