package io.isoscope.views.processes;

import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.List;

/**
 * An observable list of rows that can drop its tail in one change (no per-row events: a filter that hides thousands
 * of rows is one change). UI thread only.
 *
 * @param <T> the row type
 */
final class RowList<T> extends ModifiableObservableListBase<T> {

    private final ArrayList<T> rows = new ArrayList<>();

    /** Keeps the first {@code size} rows and removes the rest, in one change. */
    void truncate(int size) {
        if (size >= rows.size()) {
            return;
        }
        beginChange();
        try {
            List<T> tail = rows.subList(size, rows.size());
            nextRemove(size, new ArrayList<>(tail));
            tail.clear();
        } finally {
            endChange();
        }
    }

    @Override
    public T get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, T element) {
        rows.add(index, element);
    }

    @Override
    protected T doSet(int index, T element) {
        return rows.set(index, element);
    }

    @Override
    protected T doRemove(int index) {
        return rows.remove(index);
    }
}
