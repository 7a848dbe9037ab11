package io.isoscope.views.common;

import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Brings an observable list of mutable rows in line with a fresh snapshot of values by diff: rows whose key is
 * gone are removed, rows whose key remains are updated in place (the same object, so selection and cell state
 * survive), new keys get new rows, and the order follows the snapshot. Call on the UI thread only.
 *
 * @param <K> the key that identifies a row across snapshots (a PID, a container id)
 * @param <V> a snapshot value
 * @param <R> a row object
 */
public final class RowDiff<K, V, R> {

    private final Function<V, K> valueKey;
    private final Function<R, K> rowKey;
    private final Function<V, R> create;
    private final BiConsumer<R, V> update;

    /**
     * A diff for rows keyed by {@code rowKey}, made from values keyed by {@code valueKey} with {@code create} and
     * refreshed with {@code update}.
     */
    public RowDiff(Function<V, K> valueKey, Function<R, K> rowKey, Function<V, R> create, BiConsumer<R, V> update) {
        this.valueKey = valueKey;
        this.rowKey = rowKey;
        this.create = create;
        this.update = update;
    }

    /** Makes {@code rows} mirror {@code values} (in their order), touching only what changed. UI thread only. */
    public void apply(ObservableList<R> rows, List<V> values) {
        Set<K> wanted = new HashSet<>();
        for (V v : values) {
            wanted.add(valueKey.apply(v));
        }
        rows.removeIf(r -> !wanted.contains(rowKey.apply(r)));

        Map<K, R> existing = new HashMap<>();
        for (R r : rows) {
            existing.put(rowKey.apply(r), r);
        }
        for (int i = 0; i < values.size(); i++) {
            V v = values.get(i);
            K key = valueKey.apply(v);
            R row = existing.get(key);
            if (row == null) {
                rows.add(i, create.apply(v));
                continue;
            }
            update.accept(row, v);
            if (rows.get(i) != row) {
                // Moved: take it out where it is and put the same object back where the snapshot has it.
                rows.remove(row);
                rows.add(i, row);
            }
        }
    }
}
