package io.isoscope.views.events;

import io.isoscope.views.common.Cells;
import io.isoscope.views.common.FillColumnResizePolicy;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.Locale;
import java.util.function.Function;

/**
 * The Events tab bound to an {@link EventsViewModel}: the timeline table (newest first, a badge per type), a
 * toggle per event type, the text filter and "only this container". FX thread only.
 */
public final class EventsView {

    private final EventsViewModel viewModel;

    @FXML private Label eventSummary;
    @FXML private HBox eventTypeFilters;
    @FXML private CheckBox eventsOnlySelected;
    @FXML private TextField eventSearch;
    @FXML private TableView<EventRow> eventTable;
    @FXML private TableColumn<EventRow, String> eventTimeColumn;
    @FXML private TableColumn<EventRow, String> eventTypeColumn;
    @FXML private TableColumn<EventRow, String> eventNameColumn;
    @FXML private TableColumn<EventRow, String> eventIdColumn;
    @FXML private TableColumn<EventRow, String> eventDetailColumn;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public EventsView(EventsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        eventSummary.textProperty().bind(viewModel.summaryProperty());
        eventSummary.visibleProperty().bind(viewModel.summaryProperty().isNotEmpty());
        eventsOnlySelected.selectedProperty().bindBidirectional(viewModel.onlySelectedProperty());
        eventSearch.textProperty().bindBidirectional(viewModel.searchProperty());
        for (EventTypeFilter filter : viewModel.typeFilters()) {
            ToggleButton toggle = new ToggleButton(filter.type());
            toggle.setId("eventType" + filter.type());
            toggle.getStyleClass().addAll("type-toggle", "type-" + Cells.slug(filter.type()));
            toggle.selectedProperty().bindBidirectional(filter.shownProperty());
            toggle.setTooltip(new Tooltip("Show the " + filter.type().toLowerCase(Locale.ROOT) + " events"));
            toggle.setFocusTraversable(false);
            eventTypeFilters.getChildren().add(toggle);
        }
        column(eventTimeColumn, EventRow::timeText, "time-cell");
        column(eventTypeColumn, EventRow::type, null);
        eventTypeColumn.setCellFactory(Cells.badge());
        column(eventNameColumn, EventRow::name, null);
        column(eventIdColumn, EventRow::shortId, "id-cell");
        column(eventDetailColumn, EventRow::detail, null);
        // Rows only while the tab shows: a hidden table would still lay out cells (and robots find them).
        eventTable.itemsProperty().bind(Bindings.when(viewModel.showingProperty())
                .then(viewModel.shownRows()).otherwise(FXCollections.<EventRow>emptyObservableList()));
        Label placeholder = new Label();
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.getStyleClass().add("empty-state");
        placeholder.setWrapText(true);
        eventTable.setPlaceholder(placeholder);
        FillColumnResizePolicy.install(eventTable, eventDetailColumn);
    }

    private static void column(TableColumn<EventRow, String> column, Function<EventRow, String> value,
                               String styleClass) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        if (styleClass != null) {
            column.getStyleClass().add(styleClass);
        }
    }
}
