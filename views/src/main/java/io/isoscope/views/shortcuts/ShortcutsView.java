package io.isoscope.views.shortcuts;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/** The Shortcuts overlay: every keyboard shortcut of the window with what it does. FX thread only. */
public final class ShortcutsView {

    private final List<Shortcut> shortcuts;

    @FXML private VBox shortcutsPanel;
    @FXML private GridPane shortcutTable;
    @FXML private Button closeShortcuts;

    /** A list of {@code shortcuts}, in their order. */
    public ShortcutsView(List<Shortcut> shortcuts) {
        this.shortcuts = List.copyOf(shortcuts);
    }

    @FXML
    private void initialize() {
        int row = 0;
        for (Shortcut s : shortcuts) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("shortcut-keys");
            keys.setMinWidth(Region.USE_PREF_SIZE);
            Label action = new Label(s.action());
            action.getStyleClass().add("shortcut-action");
            action.setWrapText(true);
            shortcutTable.addRow(row++, keys, action);
        }
        closeShortcuts.setOnAction(e -> shortcutsPanel.getScene().getWindow().hide());
    }
}
