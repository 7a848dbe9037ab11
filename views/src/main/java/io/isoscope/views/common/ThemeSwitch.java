package io.isoscope.views.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Parent;

import java.util.Objects;

/**
 * Puts a window's root in the dark theme and back as a setting changes: the root gets the style class
 * {@value #DARK_CLASS} and the dark stylesheet ({@code Dark.css}), whose rules (all under {@code .isoscope.dark})
 * recolour the shared classes of every view. A feature's own CSS can add {@code .isoscope.dark .its-class} rules.
 * FX thread only.
 */
public final class ThemeSwitch {

    /** The style class of a root in the dark theme. */
    public static final String DARK_CLASS = "dark";
    /** The dark stylesheet. */
    public static final String DARK_STYLESHEET =
            Objects.requireNonNull(ThemeSwitch.class.getResource("Dark.css"), "Dark.css").toExternalForm();

    private ThemeSwitch() {
    }

    /** Applies {@code dark} to {@code root} now and whenever it changes. FX thread only. */
    public static void follow(Parent root, ObservableBooleanValue dark) {
        apply(root, dark.get());
        dark.addListener((obs, was, now) -> apply(root, now));
    }

    /** Puts {@code root} in the dark theme ({@code true}) or the light one. FX thread only. */
    public static void apply(Parent root, boolean dark) {
        if (dark) {
            if (!root.getStyleClass().contains(DARK_CLASS)) {
                root.getStyleClass().add(DARK_CLASS);
            }
            if (!root.getStylesheets().contains(DARK_STYLESHEET)) {
                // Last, so that it wins over the light sheet's rules of the same weight.
                root.getStylesheets().add(DARK_STYLESHEET);
            }
        } else {
            root.getStyleClass().remove(DARK_CLASS);
            root.getStylesheets().remove(DARK_STYLESHEET);
        }
    }
}
