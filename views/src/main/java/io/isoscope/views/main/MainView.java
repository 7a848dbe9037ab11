package io.isoscope.views.main;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * The window frame: header with the runtimes' readiness, the notice bar for engine failures, and the
 * feature views (included from their own FXML). Binds to a {@link MainViewModel}. FX thread only.
 */
public final class MainView {

    private final MainViewModel viewModel;

    @FXML private Label readiness;
    @FXML private HBox noticeBar;
    @FXML private Label notice;
    @FXML private Button dismissNotice;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        readiness.textProperty().bind(viewModel.readinessSummaryProperty());
        // The bar pushes the content down rather than covering it, so no button hides behind a message.
        notice.textProperty().bind(viewModel.notices().messageProperty());
        noticeBar.visibleProperty().bind(viewModel.notices().messageProperty().isNotNull());
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());
        dismissNotice.setOnAction(e -> viewModel.notices().dismiss());
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
}
