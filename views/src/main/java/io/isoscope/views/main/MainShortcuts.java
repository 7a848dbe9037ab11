package io.isoscope.views.main;

import io.isoscope.views.shortcuts.Shortcut;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.List;

/**
 * The window's keyboard shortcuts: installed as accelerators of the main scene, and listed (with those the views
 * handle themselves) for the Shortcuts overlay. A shortcut for a button fires the button, so it obeys the same
 * rules (a disabled button does nothing). FX thread only.
 */
final class MainShortcuts {

    /** The actions of the header that the shortcuts open. */
    record Actions(Runnable refresh, Runnable readiness, Runnable settings, Runnable shortcuts) {
    }

    private MainShortcuts() {
    }

    /** Installs the shortcuts on {@code scene} and returns the full list, in the overlay's order. */
    static List<Shortcut> install(Scene scene, TabPane tabs, Actions actions) {
        List<Shortcut> list = new ArrayList<>();
        // Spelled out: the toolkit would write the Enter key as a symbol.
        list.add(new Shortcut("Ctrl+Enter", "Run the container in the form",
                new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> fire(scene, "#runButton")));
        list.add(Shortcut.listed("Enter", "Run, from any field of the Run form"));
        list.add(Shortcut.listed("Alt+I, C, N, L", "Go to the Run form's image, command, name or limits"));
        list.add(Shortcut.listed("Ctrl+S", "Stop the selected container (SIGTERM, then SIGKILL after 10 s)"));
        list.add(Shortcut.listed("Ctrl+K", "Kill the selected container (SIGKILL)"));
        list.add(Shortcut.listed("Ctrl+D, Delete", "Remove the selected container (a running one is killed first)"));
        list.add(Shortcut.of(new KeyCodeCombination(KeyCode.F5), "Refresh the tables now", actions.refresh()));
        for (int i = 0; i < 9; i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> selectTab(tabs, index));
        }
        int tabCount = Math.min(9, tabs.getTabs().size());
        list.add(Shortcut.listed(tabCount == 1 ? "Ctrl+1" : "Ctrl+1 … Ctrl+" + tabCount,
                "Show a tab of the selected container: " + String.join(", ", tabs.getTabs().stream().map(Tab::getText).toList())));
        list.add(Shortcut.listed("Ctrl+Tab", "Next tab (Ctrl+Shift+Tab: previous), when the tabs have the focus"));
        if (scene.lookup("#walkthroughButton") != null) {
            list.add(Shortcut.of(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN),
                    "Open the guided walkthrough", () -> fire(scene, "#walkthroughButton")));
        }
        list.add(Shortcut.of(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
                "Open Readiness: what runs here, and the fixes", actions.readiness()));
        list.add(Shortcut.of(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), "Open Settings",
                actions.settings()));
        list.add(Shortcut.of(new KeyCodeCombination(KeyCode.F1), "Show this list", actions.shortcuts()));
        list.add(Shortcut.listed("Esc", "Dismiss the failure notice; close a panel"));
        for (Shortcut s : list) {
            if (s.installed()) {
                scene.getAccelerators().put(s.combination(), s.run());
            }
        }
        addTabTooltips(tabs);
        return list;
    }

    private static void fire(Scene scene, String id) {
        Node node = scene.lookup(id);
        if (node instanceof ButtonBase button) {
            button.fire(); // does nothing while the button is disabled
        }
    }

    private static void selectTab(TabPane tabs, int index) {
        if (index < tabs.getTabs().size() && !tabs.getTabs().get(index).isDisabled()) {
            tabs.getSelectionModel().select(index);
        }
    }

    /** Each tab says its shortcut in its tooltip (a feature's own tooltip keeps its text and gains the keys). */
    private static void addTabTooltips(TabPane tabs) {
        for (int i = 0; i < Math.min(9, tabs.getTabs().size()); i++) {
            Tab tab = tabs.getTabs().get(i);
            String keys = "(Ctrl+" + (i + 1) + ")";
            if (tab.getTooltip() == null) {
                tab.setTooltip(new Tooltip(tab.getText() + " of the selected container " + keys));
            } else if (!tab.getTooltip().getText().contains(keys)) {
                tab.getTooltip().setText(tab.getTooltip().getText() + " " + keys);
            }
        }
    }
}
