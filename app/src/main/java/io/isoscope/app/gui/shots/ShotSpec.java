package io.isoscope.app.gui.shots;

import javafx.scene.input.KeyCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One screenshot to take: its name (the PNG's file name) and the steps that bring the window to the state to show,
 * written as one line, e.g. {@code "readiness select=demo-ping click=#readinessButton"}. Immutable, thread-safe.
 *
 * <p>Steps: {@code select=NAME} selects a container (waiting for it to be listed); {@code tab=TEXT} shows a detail
 * tab; {@code click=#ID} fires a button (or clicks a node) by its id, once it is enabled; {@code toggle=#ID} flips a
 * toggle button or check box; {@code focus=#ID} gives a control the keyboard focus; {@code type=TEXT} types text
 * into the focused control; {@code key=NAME} presses a key there (a JavaFX {@code KeyCode}: ENTER, LEFT, ...);
 * {@code row=#TABLE:TEXT} selects the first row of a table with a cell showing TEXT and scrolls it into view;
 * {@code divider=#SPLIT:FRACTION} moves a split pane's first divider; {@code theme=light|dark} chooses the theme in
 * the Settings dialog and saves it; {@code wait=SECONDS} waits, e.g. for a chart to fill.
 *
 * <p>A value may be written in double quotes to keep its spaces ({@code type="ls -l /"}); outside quotes an
 * underscore stands for a space ({@code tab=Host_processes}).
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

    private static final List<String> ACTIONS =
            List.of("select", "tab", "click", "toggle", "focus", "type", "key", "row", "divider", "theme", "wait");

    ShotSpec {
        steps = List.copyOf(steps);
    }

    /** Reads one line; throws {@link IllegalArgumentException} naming what is wrong. */
    static ShotSpec parse(String line) {
        List<Word> words = words(line);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty screenshot line: write a name, then its steps");
        }
        String name = words.remove(0).text();
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("screenshot name \"" + name + "\": use lower-case letters, digits, . _ -");
        }
        List<Step> steps = new ArrayList<>();
        for (Word word : words) {
            String text = word.text();
            int eq = text.indexOf('=');
            String action = eq < 0 ? text : text.substring(0, eq);
            if (eq < 0 || !ACTIONS.contains(action)) {
                throw new IllegalArgumentException("screenshot " + name + ": unknown step \"" + text
                        + "\"; use " + String.join("=..., ", ACTIONS) + "=...");
            }
            // Tab names and typed text may have spaces: quoted, or written with underscores on the command line.
            String value = text.substring(eq + 1);
            Step step = new Step(action, word.quoted() ? value : value.replace('_', ' '));
            String problem = problem(step);
            if (problem != null) {
                throw new IllegalArgumentException("screenshot " + name + ": " + step + ": " + problem);
            }
            steps.add(step);
        }
        return new ShotSpec(name, steps);
    }

    /** The key a {@code key=} step presses. */
    static KeyCode keyCode(String argument) {
        return KeyCode.valueOf(argument.toUpperCase(Locale.ROOT));
    }

    /** What is wrong with a step's argument, or null. */
    private static String problem(Step step) {
        String arg = step.argument();
        switch (step.action()) {
            case "click", "toggle", "focus" -> {
                if (!arg.matches("#[A-Za-z][\\w-]*")) {
                    return "write the control's id with a #, e.g. " + step.action() + "=#hostTree";
                }
            }
            case "row" -> {
                if (!arg.matches("#[A-Za-z][\\w-]*:.+")) {
                    return "write the table's id and the text of a cell, e.g. row=#hostProcessTable:ping";
                }
            }
            case "divider" -> {
                int colon = arg.indexOf(':');
                if (!arg.matches("#[A-Za-z][\\w-]*:.+") || !fraction(arg.substring(colon + 1))) {
                    return "write the split pane's id and a fraction from 0 to 1, e.g. divider=#layout:0.3";
                }
            }
            case "key" -> {
                try {
                    keyCode(arg);
                } catch (IllegalArgumentException e) {
                    return "not a key name; use a JavaFX KeyCode such as ENTER, LEFT, TAB, ESCAPE";
                }
            }
            case "theme" -> {
                if (!arg.equals("light") && !arg.equals("dark")) {
                    return "use theme=light or theme=dark";
                }
            }
            case "wait" -> {
                try {
                    double s = Double.parseDouble(arg);
                    if (!(s >= 0 && s <= 120)) {
                        return "wait between 0 and 120 seconds";
                    }
                } catch (NumberFormatException e) {
                    return "write the seconds as a number, e.g. wait=4 or wait=0.5";
                }
            }
            case "type", "select", "tab" -> {
                if (arg.isEmpty()) {
                    return "says nothing after the =";
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static boolean fraction(String s) {
        try {
            double f = Double.parseDouble(s);
            return f >= 0 && f <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A word of the line; {@code quoted} when it had double quotes (its underscores are then its own). */
    private record Word(String text, boolean quoted) {
    }

    /** The line's words, split at white space outside double quotes; the quotes themselves are dropped. */
    private static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inQuotes = false;
        boolean hadQuotes = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                hadQuotes = true;
                inWord = true;
            } else if (Character.isWhitespace(c) && !inQuotes) {
                if (inWord) {
                    words.add(new Word(word.toString(), hadQuotes));
                    word.setLength(0);
                    inWord = false;
                    hadQuotes = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("screenshot line has an unclosed \": " + line.trim());
        }
        if (inWord) {
            words.add(new Word(word.toString(), hadQuotes));
        }
        return words;
    }
}
