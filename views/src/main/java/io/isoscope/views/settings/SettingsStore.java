package io.isoscope.views.settings;

import java.io.IOException;

/** Where the settings are kept between runs. Implementations say whether they are thread-safe. */
public interface SettingsStore {

    /** The stored settings (the defaults when there are none), with what went wrong reading them. Never throws. */
    LoadedSettings load();

    /** Stores {@code settings} so that the next run loads them; all or nothing. */
    void save(Settings settings) throws IOException;

    /** Where they are kept, for the user, e.g. the file's path. */
    String location();

    /** A store that keeps settings for this run only, starting from the defaults (tests, demos). Thread-safe. */
    static SettingsStore inMemory() {
        return new SettingsStore() {
            private volatile Settings saved = Settings.DEFAULTS;

            @Override
            public LoadedSettings load() {
                return LoadedSettings.ok(saved);
            }

            @Override
            public void save(Settings settings) {
                saved = settings;
            }

            @Override
            public String location() {
                return "this session only (not saved to a file)";
            }
        };
    }
}
