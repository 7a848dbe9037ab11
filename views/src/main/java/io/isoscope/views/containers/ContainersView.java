package io.isoscope.views.containers;

import io.isoscope.views.common.Cells;
import io.isoscope.views.common.FillColumnResizePolicy;
import io.isoscope.views.common.LayoutRootCells;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The container list with its Stop / Kill / Remove actions and their shortcuts, bound to a
 * {@link ContainersViewModel}. FX thread only.
 */
public final class ContainersView {

    private final ContainersViewModel viewModel;

    @FXML private Label count;
    @FXML private Button stopButton;
    @FXML private Button killButton;
    @FXML private Button removeButton;
    @FXML private TableView<ContainerRow> containerTable;
    @FXML private TableColumn<ContainerRow, String> nameColumn;
    @FXML private TableColumn<ContainerRow, String> idColumn;
    @FXML private TableColumn<ContainerRow, String> imageColumn;
    @FXML private TableColumn<ContainerRow, String> isolationColumn;
    @FXML private TableColumn<ContainerRow, String> stateColumn;
    @FXML private TableColumn<ContainerRow, String> uptimeColumn;
    @FXML private TableColumn<ContainerRow, String> commandColumn;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public ContainersView(ContainersViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        nameColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        idColumn.setCellValueFactory(c -> c.getValue().shortIdProperty());
        imageColumn.setCellValueFactory(c -> c.getValue().imageProperty());
        isolationColumn.setCellValueFactory(c -> c.getValue().isolationProperty());
        isolationColumn.setCellFactory(Cells.badge());
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        // "exited (137)" is coloured as "exited": the kind is the first word.
        stateColumn.setCellFactory(Cells.badge(state -> Cells.slug(state.split(" ")[0])));
        uptimeColumn.setCellValueFactory(c -> c.getValue().uptimeProperty());
        commandColumn.setCellValueFactory(c -> c.getValue().commandProperty());
        FillColumnResizePolicy.install(containerTable, commandColumn);
        LayoutRootCells.install(containerTable);

        SortedList<ContainerRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(containerTable.comparatorProperty());
        containerTable.setItems(sorted);
        Label placeholder = new Label();
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.getStyleClass().add("empty-state");
        containerTable.setPlaceholder(placeholder);
        count.textProperty().bind(Bindings.size(viewModel.rows()).asString());
        bindSelection();

        stopButton.disableProperty().bind(viewModel.canStopProperty().not());
        killButton.disableProperty().bind(viewModel.canStopProperty().not());
        removeButton.disableProperty().bind(viewModel.canRemoveProperty().not());
        stopButton.setOnAction(e -> viewModel.stop());
        killButton.setOnAction(e -> viewModel.kill());
        removeButton.setOnAction(e -> viewModel.remove());
        containerTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                removeButton.fire();
                e.consume();
            }
        });
        containerTable.sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                addShortcuts(now);
            }
        });
    }

    private void bindSelection() {
        containerTable.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (viewModel.selectedProperty().get() != now) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((obs, was, now) -> {
            if (containerTable.getSelectionModel().getSelectedItem() == now) {
                return;
            }
            if (now == null) {
                containerTable.getSelectionModel().clearSelection();
            } else {
                containerTable.getSelectionModel().select(now);
                containerTable.scrollTo(now);
            }
        });
    }

    private void addShortcuts(Scene scene) {
        // fire() does nothing while a button is disabled, so shortcuts obey the same rules as clicks.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), stopButton::fire);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), killButton::fire);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), removeButton::fire);
    }
}
