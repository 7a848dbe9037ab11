package io.isoscope.views.readiness;

import io.isoscope.views.common.Cells;
import io.isoscope.views.common.Clipboards;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Readiness panel: a card per isolation with its state, runtime and version, and for a missing piece the
 * reason and the exact fix with a Copy button; Check again asks afresh. Binds to a {@link ReadinessViewModel}.
 * FX thread only.
 */
public final class ReadinessView {

    private final ReadinessViewModel viewModel;

    @FXML private VBox readinessPanel;
    @FXML private Label readinessSummary;
    @FXML private ProgressIndicator readinessChecking;
    @FXML private VBox readinessRows;
    @FXML private Label readinessStatus;
    @FXML private Button checkAgain;
    @FXML private Button closeReadiness;

    /** A view of {@code viewModel}; the panel's controller factory calls this. */
    public ReadinessView(ReadinessViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        readinessSummary.textProperty().bind(viewModel.summaryProperty());
        readinessStatus.textProperty().bind(viewModel.statusProperty());
        readinessChecking.visibleProperty().bind(viewModel.checkingProperty());
        checkAgain.disableProperty().bind(viewModel.checkingProperty());
        checkAgain.setOnAction(e -> viewModel.check());
        closeReadiness.setOnAction(e -> readinessPanel.getScene().getWindow().hide());
        viewModel.rows().addListener((ListChangeListener<ReadinessRow>) c -> showRows());
        showRows();
    }

    private void showRows() {
        readinessRows.getChildren().setAll(viewModel.rows().stream().map(ReadinessView::card).toList());
        // The cards' text wraps: let the window grow to fit a longer reason.
        if (readinessPanel.getScene() != null && readinessPanel.getScene().getWindow() != null) {
            readinessPanel.getScene().getWindow().sizeToScene();
        }
    }

    private static Node card(ReadinessRow row) {
        VBox card = new VBox(8);
        card.getStyleClass().add("readiness-card");
        card.setId("readiness-" + Cells.slug(row.isolation()));
        if (!row.available()) {
            card.getStyleClass().add("unavailable");
        }

        Label icon = new Label(row.available() ? "✓" : "✗");
        icon.getStyleClass().add("readiness-icon");
        Label name = new Label(row.isolation());
        name.getStyleClass().add("readiness-name");
        Label state = new Label(row.status());
        state.getStyleClass().addAll("badge", "badge-" + Cells.slug(row.status()), "readiness-status");
        Label how = new Label(row.how());
        how.getStyleClass().add("hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox title = new HBox(10, icon, new VBox(2, name, how), grow, state);
        title.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        card.getChildren().add(title);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        facts.getColumnConstraints().addAll(new ColumnConstraints(70), new ColumnConstraints());
        facts.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        int line = 0;
        facts.addRow(line++, key("Runtime"), value(row.runtime(), "readiness-runtime", true));
        if (row.reason() != null) {
            Label reason = value(row.reason(), "readiness-reason", false);
            facts.addRow(line++, key("Why not"), reason);
        }
        if (row.fixStep() != null) {
            facts.addRow(line++, key("Fix"), value(row.fixStep(), "readiness-fix-step", false));
        }
        if (row.fixCommand() != null) {
            facts.addRow(line++, key(row.fixStep() == null ? "Fix" : ""), fixCommand(row.fixCommand()));
        }
        if (row.note() != null) {
            facts.addRow(line, key("Note"), value(row.note(), "readiness-note", false));
        }
        card.getChildren().add(facts);
        return card;
    }

    private static Node fixCommand(String command) {
        TextField text = new TextField(command);
        text.setEditable(false);
        text.getStyleClass().addAll("code", "fix-command");
        text.setTooltip(new Tooltip("The command that fixes it; run it as root in the Isoscope directory"));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.getStyleClass().add("copy-fix");
        copy.setTooltip(new Tooltip("Copy the command to the clipboard"));
        copy.setOnAction(e -> {
            Clipboards.copy(command);
            copy.setText("Copied");
        });
        HBox box = new HBox(8, text, copy);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("readiness-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String text, String styleClass, boolean mono) {
        Label l = new Label(text);
        l.getStyleClass().addAll("readiness-value", styleClass);
        if (mono) {
            l.getStyleClass().add("mono");
        }
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(600);
        return l;
    }
}
