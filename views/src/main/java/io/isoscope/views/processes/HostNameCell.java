package io.isoscope.views.processes;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.input.MouseButton;

import java.util.function.Consumer;

/**
 * The host table's Name cell: the name, and in the tree an indent for the row's depth with an expander
 * (▾ expanded, ▸ collapsed) that hands the row to {@code toggle} when clicked. FX thread only.
 */
final class HostNameCell extends TableCell<HostProcessRow, TreeLabel> {

    /** Indent per tree level, in pixels. */
    static final double INDENT = 14;
    private static final double EXPANDER = 12;
    private static final PseudoClass EXPANDABLE = PseudoClass.getPseudoClass("expandable");

    private final Label expander = new Label();

    HostNameCell(Consumer<HostProcessRow> toggle) {
        expander.getStyleClass().add("tree-expander");
        expander.setAlignment(Pos.CENTER_RIGHT);
        // On press, as a tree view's disclosure: the row's own press handling (selection) never sees it, and a
        // refresh re-laying the row between press and release cannot swallow the click.
        expander.setOnMousePressed(e -> {
            HostProcessRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row != null && e.getButton() == MouseButton.PRIMARY && expander.getPseudoClassStates().contains(EXPANDABLE)) {
                toggle.accept(row);
                e.consume();
            }
        });
        setGraphicTextGap(4);
    }

    @Override
    protected void updateItem(TreeLabel label, boolean empty) {
        super.updateItem(label, empty);
        if (empty || label == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        setText(label.name());
        if (!label.inTree()) {
            setGraphic(null);
            return;
        }
        // One label whose width is the indent: the expander sits at its right edge, next to the name.
        double width = INDENT * label.depth() + EXPANDER;
        expander.setMinWidth(width);
        expander.setPrefWidth(width);
        expander.setMaxWidth(width);
        expander.setText(switch (label.disclosure()) {
            case EXPANDED -> "▾";
            case COLLAPSED -> "▸";
            default -> "";
        });
        expander.pseudoClassStateChanged(EXPANDABLE, label.disclosure() == TreeLabel.Disclosure.EXPANDED
                || label.disclosure() == TreeLabel.Disclosure.COLLAPSED);
        setGraphic(expander);
    }
}
