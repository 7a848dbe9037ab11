package io.isoscope.views.processes;

import io.isoscope.views.common.Cells;
import io.isoscope.views.common.FillColumnResizePolicy;
import io.isoscope.views.common.Formats;
import io.isoscope.views.common.HighlightRows;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The container-side and host-side process tables side by side, the verdict line and the PID mapping, bound to a
 * {@link ProcessesViewModel}. Rows that are the same process on both sides carry the {@code :mapped}
 * pseudo-class; the selected container's VM worker carries {@code :vm-worker}. FX thread only.
 */
public final class ProcessesView {

    private static final PseudoClass SAME_PROCESS = PseudoClass.getPseudoClass("same-process");
    private static final PseudoClass BEHIND_VM = PseudoClass.getPseudoClass("behind-vm");
    private static final PseudoClass NOT_FOUND = PseudoClass.getPseudoClass("not-found");
    private static final PseudoClass EMPHASIZED = PseudoClass.getPseudoClass("emphasized");

    private final ProcessesViewModel viewModel;

    @FXML private HBox verdictBar;
    @FXML private Label verdictIcon;
    @FXML private Label verdict;
    @FXML private Label mapping;
    @FXML private Label containerTitle;
    @FXML private TextField hostFilter;
    @FXML private CheckBox onlySelected;
    @FXML private VBox containerCard;
    @FXML private VBox hostCard;

    @FXML private TableView<ContainerProcessRow> containerProcessTable;
    @FXML private TableColumn<ContainerProcessRow, Number> cPidColumn;
    @FXML private TableColumn<ContainerProcessRow, Long> cHostPidColumn;
    @FXML private TableColumn<ContainerProcessRow, String> cUserColumn;
    @FXML private TableColumn<ContainerProcessRow, String> cNameColumn;
    @FXML private TableColumn<ContainerProcessRow, Number> cCpuColumn;
    @FXML private TableColumn<ContainerProcessRow, Number> cRssColumn;
    @FXML private TableColumn<ContainerProcessRow, String> cCommandColumn;

    @FXML private TableView<HostProcessRow> hostProcessTable;
    @FXML private TableColumn<HostProcessRow, Number> hPidColumn;
    @FXML private TableColumn<HostProcessRow, Number> hPpidColumn;
    @FXML private TableColumn<HostProcessRow, String> hNameColumn;
    @FXML private TableColumn<HostProcessRow, String> hRoleColumn;
    @FXML private TableColumn<HostProcessRow, String> hUserColumn;
    @FXML private TableColumn<HostProcessRow, Number> hCpuColumn;
    @FXML private TableColumn<HostProcessRow, Number> hWorkingSetColumn;
    @FXML private TableColumn<HostProcessRow, Number> hVirtualColumn;
    @FXML private TableColumn<HostProcessRow, Number> hThreadsColumn;
    @FXML private TableColumn<HostProcessRow, Number> hSessionColumn;
    @FXML private TableColumn<HostProcessRow, Instant> hStartColumn;
    @FXML private TableColumn<HostProcessRow, String> hCommandColumn;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public ProcessesView(ProcessesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        containerTitle.textProperty().bind(viewModel.containerTitleProperty());
        hostFilter.textProperty().bindBidirectional(viewModel.hostFilterProperty());
        onlySelected.selectedProperty().bindBidirectional(viewModel.onlySelectedProperty());
        bindVerdict();
        bindContainerTable();
        bindHostTable();
        showEmphasis(viewModel.emphasisProperty().get());
        viewModel.emphasisProperty().addListener((obs, was, now) -> showEmphasis(now));
    }

    /** A guide's emphasis: the card (and, for the host side, the name filter) it is about stands out. */
    private void showEmphasis(Emphasis emphasis) {
        containerCard.pseudoClassStateChanged(EMPHASIZED, emphasis == Emphasis.CONTAINER_TABLE);
        hostCard.pseudoClassStateChanged(EMPHASIZED, emphasis == Emphasis.HOST_TABLE);
        hostFilter.pseudoClassStateChanged(EMPHASIZED, emphasis == Emphasis.HOST_TABLE);
    }

    private void bindVerdict() {
        verdict.textProperty().bind(viewModel.verdictProperty());
        mapping.textProperty().bind(viewModel.mappingProperty());
        mapping.visibleProperty().bind(viewModel.mappingProperty().isNotEmpty());
        showVerdictKind(viewModel.verdictKindProperty().get());
        viewModel.verdictKindProperty().addListener((obs, was, now) -> showVerdictKind(now));
    }

    private void showVerdictKind(VerdictKind kind) {
        verdictBar.pseudoClassStateChanged(SAME_PROCESS, kind == VerdictKind.SAME_PROCESS);
        verdictBar.pseudoClassStateChanged(BEHIND_VM, kind == VerdictKind.BEHIND_VM);
        verdictIcon.setText(switch (kind) {
            case SAME_PROCESS -> "=";
            case BEHIND_VM -> "≠";
            case NONE -> "i";
        });
    }

    private void bindContainerTable() {
        cPidColumn.setCellValueFactory(c -> c.getValue().containerPidProperty());
        cHostPidColumn.setCellValueFactory(c -> c.getValue().hostPidProperty());
        cHostPidColumn.setCellFactory(Cells.formatted(String::valueOf, "—"));
        cUserColumn.setCellValueFactory(c -> c.getValue().userProperty());
        cNameColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        cCpuColumn.setCellValueFactory(c -> c.getValue().cpuSecondsProperty());
        cCpuColumn.setCellFactory(Cells.formatted(n -> Formats.seconds(n.doubleValue())));
        cRssColumn.setCellValueFactory(c -> c.getValue().rssBytesProperty());
        cRssColumn.setCellFactory(Cells.formatted(n -> Formats.bytes(n.longValue())));
        cCommandColumn.setCellValueFactory(c -> c.getValue().commandLineProperty());
        containerProcessTable.setRowFactory(new HighlightRows<ContainerProcessRow>()
                .with("mapped", ContainerProcessRow::mappedProperty));
        setUp(containerProcessTable, cCommandColumn, viewModel.containerRows(),
                placeholder(viewModel.containerPlaceholderProperty()));
    }

    private void bindHostTable() {
        hPidColumn.setCellValueFactory(c -> c.getValue().pidProperty());
        hPpidColumn.setCellValueFactory(c -> c.getValue().ppidProperty());
        hNameColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        hRoleColumn.setCellValueFactory(c -> c.getValue().roleProperty());
        hRoleColumn.setCellFactory(Cells.badge());
        hUserColumn.setCellValueFactory(c -> c.getValue().userProperty());
        hCpuColumn.setCellValueFactory(c -> c.getValue().cpuSecondsProperty());
        hCpuColumn.setCellFactory(Cells.formatted(n -> Formats.seconds(n.doubleValue())));
        hWorkingSetColumn.setCellValueFactory(c -> c.getValue().workingSetBytesProperty());
        hWorkingSetColumn.setCellFactory(Cells.formatted(n -> Formats.bytes(n.longValue())));
        hVirtualColumn.setCellValueFactory(c -> c.getValue().virtualBytesProperty());
        hVirtualColumn.setCellFactory(Cells.formatted(n -> Formats.bytes(n.longValue())));
        hThreadsColumn.setCellValueFactory(c -> c.getValue().threadsProperty());
        hSessionColumn.setCellValueFactory(c -> c.getValue().sessionIdProperty());
        hStartColumn.setCellValueFactory(c -> c.getValue().startTimeProperty());
        hStartColumn.setCellFactory(Cells.formatted(
                t -> Formats.startTime(t, ZoneId.systemDefault(), LocalDate.now())));
        hCommandColumn.setCellValueFactory(c -> c.getValue().commandLineProperty());
        hostProcessTable.setRowFactory(new HighlightRows<HostProcessRow>()
                .with("mapped", HostProcessRow::mappedProperty)
                .with("vm-worker", HostProcessRow::vmWorkerProperty));
        Label hostPlaceholder = placeholder(viewModel.hostPlaceholderProperty());
        hostPlaceholder.pseudoClassStateChanged(NOT_FOUND, viewModel.hostNotFoundProperty().get());
        viewModel.hostNotFoundProperty().addListener(
                (obs, was, now) -> hostPlaceholder.pseudoClassStateChanged(NOT_FOUND, now));
        setUp(hostProcessTable, hCommandColumn, viewModel.hostRows(), hostPlaceholder);
    }

    private static <T> void setUp(TableView<T> table, TableColumn<T, ?> commandColumn, ObservableList<T> rows,
                                  Label placeholder) {
        // Sorting by a column header reorders a view of the rows; the ViewModel's list keeps its own order.
        SortedList<T> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(placeholder);
        // Numbers keep their full width; the command line takes the rest (and is the one cut short).
        FillColumnResizePolicy.install(table, commandColumn);
    }

    private static Label placeholder(ReadOnlyStringProperty text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.getStyleClass().add("empty-state");
        return label;
    }
}
