package io.isoscope.views.shortcuts;

import javafx.scene.input.KeyCombination;

/**
 * One keyboard shortcut of the window, as the Shortcuts overlay lists it. Immutable, thread-safe.
 *
 * @param keys        how it is typed, e.g. "Ctrl+Enter"
 * @param action      what it does, e.g. "Run the container in the form"
 * @param combination the accelerator to install, or {@code null} when a view handles the keys itself
 * @param run         what it runs, or {@code null} when a view handles the keys itself
 */
public record Shortcut(String keys, String action, KeyCombination combination, Runnable run) {

    /** A shortcut installed on the scene. */
    public static Shortcut of(KeyCombination combination, String action, Runnable run) {
        return new Shortcut(combination.getDisplayText(), action, combination, run);
    }

    /** A shortcut some view handles itself, listed only. */
    public static Shortcut listed(String keys, String action) {
        return new Shortcut(keys, action, null, null);
    }

    /** Whether it is installed as a scene accelerator. */
    public boolean installed() {
        return combination != null;
    }
}
