package io.isoscope.views.processes;

import javafx.collections.ModifiableObservableListBase;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * An observable list of rows with the two bulk operations a refresh needs, each one change: removing rows at known
 * positions (no search through the list) and moving every row to a known position (a permutation, computed in one
 * pass rather than by sorting). Tables keep their selection through both. UI thread only.
 *
 * @param <T> the row type
 */
final class RowList<T> extends ModifiableObservableListBase<T> {

    private final ArrayList<T> rows = new ArrayList<>();

    /** Removes the rows at {@code positions} (ascending), in one change. */
    void removeAt(int[] positions) {
        if (positions.length == 0) {
            return;
        }
        beginChange();
        try {
            List<T> kept = new ArrayList<>(rows.size() - positions.length);
            int next = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (next < positions.length && positions[next] == i) {
                    // Reported at its position in the list as it shrinks: earlier removals moved it up.
                    nextRemove(i - next, rows.get(i));
                    next++;
                } else {
                    kept.add(rows.get(i));
                }
            }
            rows.clear();
            rows.addAll(kept);
        } finally {
            endChange();
        }
    }

    /** Moves each row to position {@code target.applyAsInt(row)} (a permutation of 0..size-1), in one change. */
    void permute(ToIntFunction<T> target) {
        int size = rows.size();
        int[] permutation = new int[size];
        List<T> moved = new ArrayList<>(rows);
        for (int i = 0; i < size; i++) {
            T row = rows.get(i);
            int to = target.applyAsInt(row);
            permutation[i] = to;
            moved.set(to, row);
        }
        beginChange();
        try {
            rows.clear();
            rows.addAll(moved);
            nextPermutation(0, size, permutation);
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
