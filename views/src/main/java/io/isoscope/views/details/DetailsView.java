package io.isoscope.views.details;

import io.isoscope.views.common.Clipboards;
import io.isoscope.views.common.FillColumnResizePolicy;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.List;

/**
 * The Details tab bound to a {@link DetailsViewModel}: the grouped property table (group headings carry the
 * {@code :header} pseudo-class) beside inspect's JSON, each with a copy button. FX thread only.
 */
public final class DetailsView {

    private static final PseudoClass HEADER = PseudoClass.getPseudoClass("header");
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final DetailsViewModel viewModel;

    @FXML private Label detailsTitle;
    @FXML private Label detailsCommand;
    @FXML private Button copyProperties;
    @FXML private Button copyJson;
    @FXML private TableView<PropertyRow> detailsProperties;
    @FXML private TableColumn<PropertyRow, String> propertyNameColumn;
    @FXML private TableColumn<PropertyRow, String> propertyValueColumn;
    @FXML private TextArea inspectJson;
    @FXML private Label inspectJsonPlaceholder;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public DetailsView(DetailsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        detailsTitle.textProperty().bind(viewModel.titleProperty());
        detailsCommand.textProperty().bind(viewModel.commandProperty());
        bindProperties();
        inspectJson.textProperty().bind(viewModel.jsonProperty());
        inspectJson.visibleProperty().bind(viewModel.hasContainerProperty());
        inspectJsonPlaceholder.textProperty().bind(viewModel.placeholderProperty());
        inspectJsonPlaceholder.visibleProperty().bind(viewModel.hasContainerProperty().not());
        copyJson.disableProperty().bind(viewModel.hasContainerProperty().not());
        copyJson.setOnAction(e -> Clipboards.copy(viewModel.jsonProperty().get()));
        copyProperties.disableProperty().bind(viewModel.hasContainerProperty().not());
        copyProperties.setOnAction(e -> copyProperties());
    }

    private void bindProperties() {
        // Rows only while the tab shows: a hidden table would still lay out cells (and robots find them).
        detailsProperties.itemsProperty().bind(Bindings.when(viewModel.showingProperty())
                .then(viewModel.rows()).otherwise(FXCollections.<PropertyRow>emptyObservableList()));
        detailsProperties.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        propertyNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        propertyValueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        propertyNameColumn.getStyleClass().add("name-cell");
        propertyValueColumn.getStyleClass().add("value-cell");
        detailsProperties.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(PropertyRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(HEADER, !empty && row != null && row.header());
            }
        });
        Label placeholder = new Label();
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.getStyleClass().add("empty-state");
        detailsProperties.setPlaceholder(placeholder);
        FillColumnResizePolicy.install(detailsProperties, propertyValueColumn);
        detailsProperties.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copyProperties();
                e.consume();
            }
        });
    }

    private void copyProperties() {
        List<PropertyRow> selected = List.copyOf(detailsProperties.getSelectionModel().getSelectedItems());
        if (!selected.isEmpty()) {
            // In table order, whatever order the rows were clicked in.
            Clipboards.copy(viewModel.textOf(viewModel.rows().stream().filter(selected::contains).toList()));
        } else {
            Clipboards.copy(viewModel.allText());
        }
    }
}
