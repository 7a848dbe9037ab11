package io.isoscope.views.settings;

import java.util.Locale;

/** The window's colours. Immutable, thread-safe. */
public enum Theme {
    /** Dark text on light cards (the default). */
    LIGHT,
    /** Light text on dark cards, for dim rooms and projectors. */
    DARK;

    /** How the settings file spells it: {@code light} or {@code dark}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme spelled {@code text} ({@code light} or {@code dark}, any case). */
    static Theme parse(String text) {
        for (Theme t : values()) {
            if (t.fileName().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("use light or dark");
    }
}
