package io.isoscope.views.logs;

import io.isoscope.views.common.Clipboards;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Logs tab bound to a {@link LogsViewModel}: a virtualized list of the lines that keeps the newest in view
 * while following (scrolling up, Home, Page Up or stepping through matches stops that; End or scrolling back to
 * the bottom resumes it), the search bar, copy to the clipboard and clear. FX thread only.
 */
public final class LogsView {

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogsViewModel viewModel;
    private boolean scrollQueued;
    /** The padding added under the lines so the list shows a whole number of them (see fitWholeLines). */
    private double wholeLinesPad;

    @FXML private VBox logsRoot;
    @FXML private Label logTitle;
    @FXML private Label logCommand;
    @FXML private TextField logSearch;
    @FXML private Button logPreviousMatch;
    @FXML private Button logNextMatch;
    @FXML private Label logMatchSummary;
    @FXML private CheckBox logOnlyMatching;
    @FXML private CheckBox logTimestamps;
    @FXML private ToggleButton logFollow;
    @FXML private Button logCopySelected;
    @FXML private Button logCopyAll;
    @FXML private Button logClear;
    @FXML private Label logNotice;
    @FXML private ListView<LogRow> logLines;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public LogsView(LogsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        logTitle.textProperty().bind(viewModel.titleProperty());
        logCommand.textProperty().bind(viewModel.commandProperty());
        logNotice.textProperty().bind(viewModel.noticeProperty());
        logNotice.visibleProperty().bind(viewModel.noticeProperty().isNotNull());
        logNotice.managedProperty().bind(logNotice.visibleProperty());
        bindSearch();
        bindList();
        logTimestamps.selectedProperty().bindBidirectional(viewModel.timestampsProperty());
        logFollow.selectedProperty().bindBidirectional(viewModel.followProperty());
        logCopySelected.disableProperty().bind(logLines.getSelectionModel().selectedItemProperty().isNull());
        logCopySelected.setOnAction(e -> copy(logLines.getSelectionModel().getSelectedItems()));
        logCopyAll.disableProperty().bind(viewModel.hasContainerProperty().not());
        logCopyAll.setOnAction(e -> Clipboards.copy(viewModel.allText()));
        logClear.disableProperty().bind(viewModel.hasContainerProperty().not());
        logClear.setOnAction(e -> viewModel.clear());
    }

    private void bindSearch() {
        logSearch.textProperty().bindBidirectional(viewModel.searchProperty());
        logMatchSummary.textProperty().bind(viewModel.matchSummaryProperty());
        logOnlyMatching.selectedProperty().bindBidirectional(viewModel.onlyMatchingProperty());
        logPreviousMatch.setOnAction(e -> viewModel.previousMatch());
        logNextMatch.setOnAction(e -> viewModel.nextMatch());
        logPreviousMatch.disableProperty().bind(viewModel.matchSummaryProperty().isEmpty());
        logNextMatch.disableProperty().bind(viewModel.matchSummaryProperty().isEmpty());
        logSearch.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    viewModel.previousMatch();
                } else {
                    viewModel.nextMatch();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !logSearch.getText().isEmpty()) {
                logSearch.clear();
                e.consume();
            }
        });
        logsRoot.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                logSearch.requestFocus();
                logSearch.selectAll();
                e.consume();
            } else if (e.getCode() == KeyCode.F3) {
                if (e.isShiftDown()) {
                    viewModel.previousMatch();
                } else {
                    viewModel.nextMatch();
                }
                e.consume();
            }
        });
        // Matches are drawn by the cells in view: redraw them when what they highlight changes.
        viewModel.activeSearchProperty().addListener((obs, was, now) -> logLines.refresh());
        viewModel.timestampsProperty().addListener((obs, was, now) -> logLines.refresh());
        viewModel.currentMatchProperty().addListener((obs, was, now) -> {
            logLines.refresh();
            if (now != null) {
                int index = logLines.getItems().indexOf(now);
                if (index >= 0) {
                    logLines.getSelectionModel().clearAndSelect(index);
                    // A few lines of context above the match.
                    logLines.scrollTo(Math.max(0, index - 3));
                }
            }
        });
    }

    private void bindList() {
        logLines.setItems(viewModel.shownLines());
        logLines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        logLines.setCellFactory(list -> new LogLineCell(viewModel));
        Label placeholder = new Label();
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.getStyleClass().add("empty-state");
        logLines.setPlaceholder(placeholder);
        viewModel.shownLines().addListener((ListChangeListener<LogRow>) change -> {
            if (viewModel.followProperty().get()) {
                scrollToEnd();
            }
        });
        viewModel.followProperty().addListener((obs, was, now) -> {
            if (now) {
                scrollToEnd();
            }
        });
        logLines.heightProperty().addListener(obs -> fitWholeLines());
        // Only the user's own scrolling stops following; the list moving under new lines does not.
        logLines.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                viewModel.followProperty().set(false);
            } else if (e.getDeltaY() < 0) {
                Platform.runLater(this::followIfAtEnd);
            }
        });
        logLines.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            // A drag of the scroll bar (or a click on its track) ends here: follow again only at the bottom.
            if (!inCell(e.getTarget()) && !viewModel.shownLines().isEmpty()) {
                viewModel.followProperty().set(atEnd());
            }
        });
        logLines.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy(logLines.getSelectionModel().getSelectedItems());
                e.consume();
            } else if (e.getCode() == KeyCode.END) {
                viewModel.followProperty().set(true);
            } else if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.UP) {
                viewModel.followProperty().set(false);
            }
        });
    }

    /** Whether an event hit a line (not the scroll bar): clicking a line selects it and keeps following as is. */
    private boolean inCell(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null && n != logLines; n = n.getParent()) {
            if (n instanceof IndexedCell<?>) {
                return true;
            }
        }
        return false;
    }

    private void scrollToEnd() {
        // After the list's skin has taken the new lines in (it does so when laid out), or it scrolls to what was
        // the end before them; the flow's own scrollTo brings the line fully into view at the bottom, where the
        // list's puts it at the top and leaves the end short by its estimate of the row heights.
        if (!scrollQueued) {
            scrollQueued = true;
            Platform.runLater(() -> {
                scrollQueued = false;
                int size = logLines.getItems().size();
                if (size > 0 && viewModel.followProperty().get()) {
                    fitWholeLines();
                    logLines.layout();
                    // The layout may have shown or hidden the horizontal scroll bar, which changes the room.
                    if (fitWholeLines()) {
                        logLines.layout();
                    }
                    if (logLines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                        flow.setPosition(1);
                    } else {
                        logLines.scrollTo(size - 1);
                    }
                }
            });
        }
    }

    /**
     * Pads the list at the bottom so the room for lines is a whole number of them: following the log puts the
     * newest line at the bottom edge, and the line at the top would otherwise be cut in half. The padding shows as
     * a blank strip under the newest line, as under a terminal's last one. Returns whether it changed.
     */
    private boolean fitWholeLines() {
        double cell = logLines.getFixedCellSize();
        if (cell <= 0 || !(logLines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return false;
        }
        double scrollBar = 0;
        for (Node n : flow.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()) {
                scrollBar = bar.getHeight();
            }
        }
        Insets padding = logLines.getPadding();
        double room = logLines.getHeight() - padding.getTop() - (padding.getBottom() - wholeLinesPad) - scrollBar;
        double pad = room > cell ? room - Math.floor(room / cell) * cell : 0;
        if (Math.abs(pad - wholeLinesPad) < 0.5) {
            return false;
        }
        logLines.setStyle(String.format(Locale.ROOT, "-fx-padding: %.1f %.1f %.1f %.1f;", padding.getTop(),
                padding.getRight(), padding.getBottom() - wholeLinesPad + pad, padding.getLeft()));
        wholeLinesPad = pad;
        return true;
    }

    private void followIfAtEnd() {
        if (atEnd()) {
            viewModel.followProperty().set(true);
        }
    }

    /** Whether the newest line is in view. */
    private boolean atEnd() {
        int size = logLines.getItems().size();
        if (size == 0 || !(logLines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= size - 1;
    }

    private void copy(List<LogRow> rows) {
        if (!rows.isEmpty()) {
            // The selection is in list order, whatever order the lines were clicked in.
            Clipboards.copy(viewModel.textOf(rows.stream().sorted(Comparator.comparingLong(LogRow::seq)).toList()));
        }
    }
}
