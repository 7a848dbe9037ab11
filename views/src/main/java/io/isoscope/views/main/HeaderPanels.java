package io.isoscope.views.main;

import io.isoscope.views.common.PanelWindow;
import io.isoscope.views.readiness.ReadinessView;
import io.isoscope.views.settings.SettingsView;
import io.isoscope.views.settings.SettingsViewModel;
import io.isoscope.views.shortcuts.Shortcut;
import io.isoscope.views.shortcuts.ShortcutsView;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Supplier;

/**
 * The panels the header opens in windows of their own: Readiness, Settings and the keyboard shortcuts, each in the
 * window's theme. Opening Readiness checks again; closing Settings any way but Save drops its changes. FX thread
 * only.
 */
final class HeaderPanels {

    private final MainViewModel viewModel;
    private final Supplier<Window> owner;
    private final PanelWindow readiness;
    private final PanelWindow settings;
    private final PanelWindow shortcuts;

    /** The panels of {@code viewModel}'s window ({@code owner}); {@code shortcutList} fills the overlay. */
    HeaderPanels(MainViewModel viewModel, Supplier<Window> owner, Supplier<List<Shortcut>> shortcutList) {
        this.viewModel = viewModel;
        this.owner = owner;
        SettingsViewModel settingsModel = viewModel.settings();
        this.readiness = new PanelWindow("Isoscope — Readiness", ReadinessView.class.getResource("ReadinessView.fxml"),
                type -> new ReadinessView(viewModel.readiness()), settingsModel.darkProperty(), false);
        this.settings = new PanelWindow("Isoscope — Settings", SettingsView.class.getResource("SettingsView.fxml"),
                type -> new SettingsView(settingsModel), settingsModel.darkProperty(), true)
                .onClosed(() -> {
                    if (settingsModel.editingProperty().get()) {
                        settingsModel.cancel();
                    }
                });
        this.shortcuts = new PanelWindow("Isoscope — Keyboard shortcuts",
                ShortcutsView.class.getResource("ShortcutsView.fxml"), type -> new ShortcutsView(shortcutList.get()),
                settingsModel.darkProperty(), false);
    }

    /** Opens the Readiness panel and checks again. */
    void openReadiness() {
        viewModel.readiness().check();
        readiness.show(owner.get());
    }

    /** Opens the Settings dialog on the settings in use (or brings it to the front with its edits). */
    void openSettings() {
        if (!settings.isShowing()) {
            viewModel.settings().edit();
        }
        settings.show(owner.get());
    }

    /** Opens the keyboard shortcuts overlay. */
    void openShortcuts() {
        shortcuts.show(owner.get());
    }

    /** Closes every panel (the window is closing). */
    void closeAll() {
        readiness.close();
        settings.close();
        shortcuts.close();
    }
}
