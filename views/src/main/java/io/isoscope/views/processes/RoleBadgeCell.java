package io.isoscope.views.processes;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

import java.util.List;

/**
 * The host table's Role cell: the role badge ("container web", "VM worker of vm") as a pill styled
 * {@code badge badge-container} or {@code badge badge-vm-worker}, its full text in a tooltip for when the column
 * cuts a long name; nothing for an ordinary process. FX thread only.
 */
final class RoleBadgeCell extends TableCell<HostProcessRow, String> {

    private final Label badge = new Label();
    private final Tooltip tooltip = new Tooltip();

    RoleBadgeCell() {
        badge.setTooltip(tooltip);
    }

    @Override
    protected void updateItem(String role, boolean empty) {
        super.updateItem(role, empty);
        setText(null);
        if (empty || role == null || role.isBlank()) {
            setGraphic(null);
            return;
        }
        badge.setText(role);
        tooltip.setText(role);
        // Style classes only when they change: setting them again would make the badge redo its CSS.
        List<String> classes = List.of("badge", "badge-" + HostProcessRow.badgeKind(role));
        if (!badge.getStyleClass().equals(classes)) {
            badge.getStyleClass().setAll(classes);
        }
        setGraphic(badge);
    }
}
