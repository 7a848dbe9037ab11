package io.isoscope.views.main;

import io.isoscope.views.common.FailurePopups;
import io.isoscope.views.common.ThemeSwitch;
import io.isoscope.views.processes.ProcessesView;
import io.isoscope.views.shortcuts.Shortcut;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.WindowEvent;

import java.util.List;

/**
 * The window frame: header with the runtimes' readiness, the notice bars for engine failures and engine
 * warnings, and the feature views (included from their own FXML). Binds to a {@link MainViewModel}. FX thread only.
 */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML private Label readiness;
    @FXML private HBox noticeBar;
    @FXML private Label notice;
    @FXML private Button dismissNotice;
    @FXML private HBox warningBar;
    @FXML private Label warning;
    @FXML private Button dismissWarning;
    @FXML private Tab statsTab;
    @FXML private Button walkthroughButton;
    @FXML private TabPane detailTabs;
    @FXML private Tab processesTab;
    @FXML private VBox run;
    @FXML private Tab consoleTab;
    @FXML private Tab logsTab;
    @FXML private Tab detailsTab;
    @FXML private Tab eventsTab;
    @FXML private Button readinessButton;
    @FXML private Button settingsButton;
    @FXML private Button shortcutsButton;
    @FXML private Label noSelectionHint;
    /** The controller of the included ProcessesView (FXMLLoader injects an include's controller as fx:id + "Controller"). */
    @FXML private ProcessesView processesController;
    private HeaderPanels panels;
    private List<Shortcut> shortcuts = List.of();

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        readiness.textProperty().bind(viewModel.readinessSummaryProperty());
        // Stats are sampled only while their tab is shown.
        viewModel.stats().activeProperty().bind(statsTab.selectedProperty());
        // The bar pushes the content down rather than covering it, so no button hides behind a message.
        notice.textProperty().bind(viewModel.notices().messageProperty());
        noticeBar.visibleProperty().bind(viewModel.notices().messageProperty().isNotNull());
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());
        dismissNotice.setOnAction(e -> viewModel.notices().dismiss());
        // The engine's warnings have a bar of their own: a failure notice (or Esc) must not hide them.
        warning.textProperty().bind(viewModel.notices().warningProperty());
        warningBar.visibleProperty().bind(viewModel.notices().warningProperty().isNotNull());
        warningBar.managedProperty().bind(warningBar.visibleProperty());
        Tooltip detail = new Tooltip();
        detail.setWrapText(true);
        detail.setMaxWidth(900);
        detail.textProperty().bind(viewModel.notices().warningDetailProperty());
        // No detail, no tooltip (an empty one would pop up as a blank box).
        warning.tooltipProperty().bind(Bindings.when(viewModel.notices().warningDetailProperty().isNotNull())
                .then(detail).otherwise((Tooltip) null));
        dismissWarning.setOnAction(e -> viewModel.notices().dismissWarnings());
        bindWalkthrough();
        // The console attaches when its tab is shown; a TTY container run from the form brings the tab forward.
        viewModel.console().shownProperty().bind(consoleTab.selectedProperty());
        viewModel.console().showRequestsProperty().addListener(obs -> detailTabs.getSelectionModel().select(consoleTab));
        // The log is followed, the event record re-read and their tables drawn only while their tabs show.
        viewModel.logs().showingProperty().bind(logsTab.selectedProperty());
        viewModel.details().showingProperty().bind(detailsTab.selectedProperty());
        viewModel.events().showingProperty().bind(eventsTab.selectedProperty());
        bindHeaderPanels();
        bindNoSelectionHint();
        noticeBar.sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE && noticeBar.isVisible()) {
                        viewModel.notices().dismiss();
                    }
                });
            }
        });
    }

    private void bindWalkthrough() {
        walkthroughButton.setOnAction(e -> viewModel.walkthrough().open());
        walkthroughButton.disableProperty().bind(viewModel.walkthrough().openProperty());
        // The walkthrough starts its own containers: the Run form makes room for its panel while it is open.
        run.visibleProperty().bind(viewModel.walkthrough().openProperty().not());
        run.managedProperty().bind(run.visibleProperty());
        // The panel's width comes out of the process tables; they get their divider back when it closes.
        viewModel.walkthrough().openProperty().addListener((obs, was, open) -> processesController.panelDocked(open));
        // Each step is about the process tables: bring their tab to the front whenever the step changes.
        viewModel.walkthrough().currentProperty().addListener(
                (obs, was, now) -> detailTabs.getSelectionModel().select(processesTab));
    }

    /** Readiness, Settings and the shortcuts: header buttons, the readiness line, the theme and failure pop-ups. */
    private void bindHeaderPanels() {
        panels = new HeaderPanels(viewModel, () -> readiness.getScene().getWindow(), () -> shortcuts);
        readinessButton.setOnAction(e -> panels.openReadiness());
        settingsButton.setOnAction(e -> panels.openSettings());
        shortcutsButton.setOnAction(e -> panels.openShortcuts());
        // The one-line summary opens the same panel.
        readiness.setCursor(Cursor.HAND);
        readiness.setOnMouseClicked(e -> panels.openReadiness());
        Tooltip.install(readiness, new Tooltip("Which isolations can run here; click for versions and fixes (Ctrl+I)"));
        readiness.sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                onScene(scene);
            }
        });
    }

    /** With containers listed but none selected, a line says what selecting one shows in the tabs. */
    private void bindNoSelectionHint() {
        noSelectionHint.textProperty().bind(Bindings.createStringBinding(() -> {
            List<String> names = detailTabs.getTabs().stream().map(t -> t.getText().toLowerCase(java.util.Locale.ROOT)).toList();
            String listed = names.size() < 2 ? String.join("", names)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
            return "Select a container in the list above: the tabs below then show its " + listed
                    + ", beside what the host sees.";
        }, detailTabs.getTabs()));
        noSelectionHint.visibleProperty().bind(viewModel.containers().selectedProperty().isNull()
                .and(Bindings.isNotEmpty(viewModel.containers().rows())));
        noSelectionHint.managedProperty().bind(noSelectionHint.visibleProperty());
    }

    private void onScene(Scene scene) {
        ThemeSwitch.follow(scene.getRoot(), viewModel.settings().darkProperty());
        shortcuts = MainShortcuts.install(scene, detailTabs, new MainShortcuts.Actions(viewModel::refresh,
                panels::openReadiness, panels::openSettings, panels::openShortcuts));
        scene.windowProperty().addListener((obs, was, window) -> {
            if (window != null) {
                FailurePopups.follow(window, viewModel.notices().messageProperty(), viewModel.settings().darkProperty());
                // The panels belong to the window: they close with it.
                window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> panels.closeAll());
            }
        });
    }
}
