package io.isoscope.views.common;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.Locale;
import java.util.function.Function;

/** Table cell factories shared by the views: formatted text and coloured badges. UI thread only. */
public final class Cells {

    private Cells() {
    }

    /** Cells showing {@code format} of the value, or nothing for empty rows and {@code null} values. */
    public static <S, V> Callback<TableColumn<S, V>, TableCell<S, V>> formatted(Function<V, String> format) {
        return formatted(format, null);
    }

    /** Cells showing {@code format} of the value, or {@code nullText} for a {@code null} value. */
    public static <S, V> Callback<TableColumn<S, V>, TableCell<S, V>> formatted(Function<V, String> format,
                                                                             String nullText) {
        return column -> new TableCell<>() {
            @Override
            protected void updateItem(V value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value == null ? nullText : format.apply(value));
            }
        };
    }

    /**
     * Cells showing the (string) value as a rounded badge with style classes {@code badge} and {@code badge-SLUG}
     * (e.g. {@code badge-hyper-v} for "Hyper-V"), so CSS can colour each value; blank values show no badge.
     */
    public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> badge() {
        return badge(Cells::slug);
    }

    /** Like {@link #badge()} with the style class suffix computed by {@code kind} from the value. */
    public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> badge(Function<String, String> kind) {
        return column -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(null);
                if (empty || value == null || value.isBlank()) {
                    setGraphic(null);
                    return;
                }
                badge.setText(value);
                badge.getStyleClass().setAll("badge", "badge-" + kind.apply(value));
                setGraphic(badge);
            }
        };
    }

    /** Lower case with every run of other characters turned into one dash: "VM worker" gives "vm-worker". */
    public static String slug(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
