package io.isoscope.views.settings;

/**
 * What reading the settings gave: the settings to use, and what went wrong on the way (a corrupt file moved aside,
 * values out of range replaced by defaults), or {@code null} when all was well. Immutable, thread-safe.
 *
 * @param settings the settings to use (the defaults where the file could not be used)
 * @param problem  one paragraph for the user saying what happened and what was done, or {@code null}
 * @param detail   more about it (the parser's message), or {@code null}
 */
public record LoadedSettings(Settings settings, String problem, String detail) {

    /** Settings read without trouble. */
    public static LoadedSettings ok(Settings settings) {
        return new LoadedSettings(settings, null, null);
    }
}
