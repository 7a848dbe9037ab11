package io.isoscope.views.logs;

import io.isoscope.views.common.TextSearch;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the log list: its time (blank but as wide for a line without one in a log that has times), then its
 * text with the search matches highlighted; a stderr line carries the {@code :stderr} pseudo-class. Only the cells
 * in view exist, so the highlighting costs nothing for the lines scrolled away. FX thread only.
 */
final class LogLineCell extends ListCell<LogRow> {

    private static final PseudoClass STDERR = PseudoClass.getPseudoClass("stderr");
    /** As wide as a shown time ("2026-01-02 03:04:05.123") plus the gap after it, in a monospaced font. */
    private static final String NO_TIME = " ".repeat(25);

    private final LogsViewModel viewModel;
    /** Labels side by side rather than a TextFlow: a monospaced font joins them seamlessly, and Labels stay robust. */
    private final HBox parts = new HBox();

    LogLineCell(LogsViewModel viewModel) {
        this.viewModel = viewModel;
        setText(null);
    }

    @Override
    protected void updateItem(LogRow row, boolean empty) {
        super.updateItem(row, empty);
        setText(null);
        pseudoClassStateChanged(STDERR, !empty && row != null && row.stderr());
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        List<Node> shown = new ArrayList<>();
        if (viewModel.timestampsProperty().get() && !row.time().isEmpty()) {
            shown.add(label(row.time() + "  ", "log-time"));
        } else if (viewModel.timestampsProperty().get() && viewModel.hasTimesProperty().get()) {
            shown.add(label(NO_TIME, "log-time"));
        }
        TextSearch search = viewModel.activeSearchProperty().get();
        boolean current = row.equals(viewModel.currentMatchProperty().get());
        int at = 0;
        for (TextSearch.Span span : search.spans(row.text())) {
            if (span.start() > at) {
                shown.add(label(row.text().substring(at, span.start()), "log-text"));
            }
            Label match = label(row.text().substring(span.start(), span.end()), "log-match");
            if (current) {
                match.getStyleClass().add("current");
            }
            shown.add(match);
            at = span.end();
        }
        if (at < row.text().length() || shown.isEmpty()) {
            shown.add(label(row.text().substring(at), "log-text"));
        }
        parts.getChildren().setAll(shown);
        setGraphic(parts);
    }

    private static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        // Never cut short with "...": a long line makes the list scroll sideways instead.
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
