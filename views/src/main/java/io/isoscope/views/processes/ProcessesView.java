package io.isoscope.views.processes;

import io.isoscope.views.common.Cells;
import io.isoscope.views.common.Clipboards;
import io.isoscope.views.common.FillColumnResizePolicy;
import io.isoscope.views.common.Formats;
import io.isoscope.views.common.HighlightRows;
import io.isoscope.views.common.LayoutRootCells;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container-side and host-side process tables side by side, the verdict line and the PID mapping, bound to a
 * {@link ProcessesViewModel}. Rows that are the same process on both sides carry the {@code :mapped}
 * pseudo-class; the selected container's VM worker carries {@code :vm-worker}. The host table sorts through the
 * ViewModel (so the order holds across refreshes), shows the tree in its Name column, and copies the selected
 * rows (Ctrl+C or its context menu). FX thread only.
 */
public final class ProcessesView {

    private static final PseudoClass SAME_PROCESS = PseudoClass.getPseudoClass("same-process");
    private static final PseudoClass BEHIND_VM = PseudoClass.getPseudoClass("behind-vm");
    private static final PseudoClass NOT_FOUND = PseudoClass.getPseudoClass("not-found");
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    /** The Name column's width in the tree, where names are indented by their depth. */
    private static final double TREE_NAME_WIDTH = 190;
    private static final PseudoClass EMPHASIZED = PseudoClass.getPseudoClass("emphasized");

    private final ProcessesViewModel viewModel;
    /** The tables' divider positions from before a panel docked beside them; {@code null} while none is docked. */
    private double[] dividersBeforePanel;
    /** Waits for the tables' room to come back after a panel closed, to put the divider back; or {@code null}. */
    private InvalidationListener restoreDividers;

    @FXML private HBox verdictBar;
    @FXML private SplitPane tables;
    @FXML private Label verdictIcon;
    @FXML private Label verdict;
    @FXML private Label mapping;
    @FXML private Label containerTitle;
    @FXML private TextField hostFilter;
    @FXML private Label hostFilterLabel;
    @FXML private CheckBox onlySelected;
    @FXML private ToggleButton hostTree;
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
    @FXML private TableColumn<HostProcessRow, TreeLabel> hNameColumn;
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
        hostFilterLabel.textProperty().bind(viewModel.hostFilterLabelProperty());
        onlySelected.selectedProperty().bindBidirectional(viewModel.onlySelectedProperty());
        hostTree.selectedProperty().bindBidirectional(viewModel.hostTreeProperty());
        bindVerdict();
        bindContainerTable();
        bindHostTable();
        showEmphasis(viewModel.emphasisProperty().get());
        viewModel.emphasisProperty().addListener((obs, was, now) -> showEmphasis(now));
    }

    /**
     * A panel (the walkthrough) docks beside the tables ({@code true}) or has gone ({@code false}). The panel's
     * room comes partly out of the container card, which is not resizable with its parent and so would stay narrow
     * after it went: when it goes the tables get back the divider they had before it came. FX thread only.
     */
    public void panelDocked(boolean docked) {
        if (restoreDividers != null) {
            tables.widthProperty().removeListener(restoreDividers);
            restoreDividers = null;
        }
        if (docked) {
            dividersBeforePanel = tables.getDividerPositions();
            return;
        }
        double[] before = dividersBeforePanel;
        dividersBeforePanel = null;
        if (before == null) {
            return;
        }
        // After the layout that widens the tables again: that layout keeps the container card's narrow width and
        // overrides a position set before it, so the position is set once it is done.
        restoreDividers = new InvalidationListener() {
            @Override
            public void invalidated(Observable width) {
                tables.widthProperty().removeListener(this);
                restoreDividers = null;
                Platform.runLater(() -> tables.setDividerPositions(before));
            }
        };
        tables.widthProperty().addListener(restoreDividers);
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
        LayoutRootCells.install(containerProcessTable);
    }

    private void bindHostTable() {
        hPidColumn.setCellValueFactory(c -> c.getValue().pidProperty());
        hPpidColumn.setCellValueFactory(c -> c.getValue().ppidProperty());
        hNameColumn.setCellValueFactory(c -> c.getValue().treeLabelProperty());
        hNameColumn.setCellFactory(column -> new HostNameCell(viewModel::toggleExpanded));
        hRoleColumn.setCellValueFactory(c -> c.getValue().roleBadgeProperty());
        hRoleColumn.setCellFactory(column -> new RoleBadgeCell());
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
        // The ViewModel keeps the rows in order (sorted in the background, re-sorted as values change on every
        // refresh), so the table shows its list as it is and hands header clicks to it instead of sorting.
        hostProcessTable.setItems(viewModel.hostRows());
        LayoutRootCells.install(hostProcessTable);
        hostProcessTable.setPlaceholder(hostPlaceholder);
        FillColumnResizePolicy.install(hostProcessTable, hCommandColumn);
        Map<TableColumn<HostProcessRow, ?>, HostColumn> columns = hostColumns();
        bindHostSort(columns);
        bindHostColumnsShown(columns);
        bindHostTree();
        bindHostCopy();
        HostSelection.install(hostProcessTable, viewModel);
    }

    /** Which of the host table's columns is which. */
    private Map<TableColumn<HostProcessRow, ?>, HostColumn> hostColumns() {
        Map<TableColumn<HostProcessRow, ?>, HostColumn> columns = new IdentityHashMap<>();
        columns.put(hPidColumn, HostColumn.PID);
        columns.put(hPpidColumn, HostColumn.PPID);
        columns.put(hNameColumn, HostColumn.NAME);
        columns.put(hRoleColumn, HostColumn.ROLE);
        columns.put(hUserColumn, HostColumn.USER);
        columns.put(hCpuColumn, HostColumn.CPU);
        columns.put(hWorkingSetColumn, HostColumn.WORKING_SET);
        columns.put(hVirtualColumn, HostColumn.VIRTUAL);
        columns.put(hThreadsColumn, HostColumn.THREADS);
        columns.put(hSessionColumn, HostColumn.SESSION);
        columns.put(hStartColumn, HostColumn.START);
        columns.put(hCommandColumn, HostColumn.COMMAND);
        return columns;
    }

    private void bindHostSort(Map<TableColumn<HostProcessRow, ?>, HostColumn> columns) {
        hostProcessTable.setSortPolicy(table -> {
            List<HostSortKey> keys = new ArrayList<>();
            for (TableColumn<HostProcessRow, ?> column : table.getSortOrder()) {
                HostColumn key = columns.get(column);
                if (key != null) {
                    keys.add(new HostSortKey(key, column.getSortType() == TableColumn.SortType.ASCENDING));
                }
            }
            viewModel.sortHostBy(keys);
            return true;
        });
    }

    /**
     * The columns the ViewModel has hidden (the saved choice) are hidden, and what the user hides or shows with the
     * table's column menu goes back to it, which keeps it for the next start.
     */
    private void bindHostColumnsShown(Map<TableColumn<HostProcessRow, ?>, HostColumn> columns) {
        ObservableSet<HostColumn> hidden = viewModel.hiddenHostColumns();
        columns.forEach((column, key) -> {
            column.setVisible(!hidden.contains(key));
            column.visibleProperty().addListener((obs, was, visible) -> {
                if (visible) {
                    hidden.remove(key);
                } else {
                    hidden.add(key);
                }
            });
        });
        hidden.addListener((SetChangeListener<HostColumn>) change -> columns.forEach(
                (column, key) -> column.setVisible(!hidden.contains(key))));
    }

    private void bindHostTree() {
        double flatNameWidth = hNameColumn.getPrefWidth();
        viewModel.hostTreeProperty().addListener((obs, was, tree) ->
                hNameColumn.setPrefWidth(tree ? Math.max(TREE_NAME_WIDTH, hNameColumn.getWidth()) : flatNameWidth));
        // As in a tree view: Right expands the selected row, Left collapses it.
        hostProcessTable.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            HostProcessRow row = hostProcessTable.getSelectionModel().getSelectedItem();
            if (!viewModel.hostTreeProperty().get() || row == null
                    || (e.getCode() != KeyCode.RIGHT && e.getCode() != KeyCode.LEFT)) {
                return;
            }
            viewModel.setExpanded(row, e.getCode() == KeyCode.RIGHT);
            e.consume();
        });
    }

    private void bindHostCopy() {
        hostProcessTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        MenuItem copy = new MenuItem("Copy selected rows (Ctrl+C)");
        copy.setId("copyHostRows");
        copy.setOnAction(e -> copySelectedHostRows());
        copy.disableProperty().bind(Bindings.isEmpty(hostProcessTable.getSelectionModel().getSelectedIndices()));
        MenuItem selectAll = new MenuItem("Select all rows (Ctrl+A)");
        selectAll.setOnAction(e -> hostProcessTable.getSelectionModel().selectAll());
        hostProcessTable.setContextMenu(new ContextMenu(copy, new SeparatorMenuItem(), selectAll));
        // A key handler on the table rather than a menu accelerator: an accelerator would be the whole window's
        // Ctrl+C, taking it from other tables and views.
        hostProcessTable.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelectedHostRows();
                e.consume();
            }
        });
    }

    /** Puts the selected host rows, in table order, on the clipboard as tab-separated text with a header. */
    private void copySelectedHostRows() {
        List<Integer> indices = new ArrayList<>(hostProcessTable.getSelectionModel().getSelectedIndices());
        if (indices.isEmpty()) {
            return;
        }
        indices.sort(null);
        List<HostProcessRow> rows = new ArrayList<>(indices.size());
        for (int i : indices) {
            rows.add(hostProcessTable.getItems().get(i));
        }
        Clipboards.copy(viewModel.copyText(rows));
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
