package io.isoscope.views.common;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.util.Callback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A table row factory that mirrors boolean row-model properties as CSS pseudo-classes on the row, following the
 * row's item as cells are reused and as the item's properties change in place. UI thread only.
 *
 * @param <T> the row model
 */
public final class HighlightRows<T> implements Callback<TableView<T>, TableRow<T>> {

    private final Map<PseudoClass, Function<T, ObservableBooleanValue>> flags = new LinkedHashMap<>();

    /** Adds pseudo-class {@code name}, on while {@code flag} of the row's item is true. Returns this. */
    public HighlightRows<T> with(String name, Function<T, ObservableBooleanValue> flag) {
        flags.put(PseudoClass.getPseudoClass(name), flag);
        return this;
    }

    /** Makes a row that tracks the flags of whatever item it shows. */
    @Override
    public TableRow<T> call(TableView<T> table) {
        return new TableRow<>() {
            private final Map<PseudoClass, ChangeListener<Boolean>> listeners = new LinkedHashMap<>();
            private T watched;

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                T next = empty ? null : item;
                if (next == watched) {
                    return;
                }
                if (watched != null) {
                    flags.forEach((pc, flag) -> flag.apply(watched).removeListener(listeners.get(pc)));
                }
                watched = next;
                flags.forEach((pc, flag) -> {
                    if (next == null) {
                        pseudoClassStateChanged(pc, false);
                        return;
                    }
                    ObservableBooleanValue value = flag.apply(next);
                    ChangeListener<Boolean> listener = (obs, was, now) -> pseudoClassStateChanged(pc, now);
                    listeners.put(pc, listener);
                    value.addListener(listener);
                    pseudoClassStateChanged(pc, value.get());
                });
            }
        };
    }
}
