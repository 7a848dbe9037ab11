package io.isoscope.views.main;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

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
        // Each step is about the process tables: bring their tab to the front whenever the step changes.
        viewModel.walkthrough().currentProperty().addListener(
                (obs, was, now) -> detailTabs.getSelectionModel().select(processesTab));
    }
}
