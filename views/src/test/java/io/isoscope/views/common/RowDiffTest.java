package io.isoscope.views.common;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowDiffTest {

    /** A mutable row keyed by id. */
    static final class Row {
        final int id;
        String value;

        Row(Item item) {
            this.id = item.id();
            this.value = item.value();
        }
    }

    record Item(int id, String value) {
    }

    private final RowDiff<Integer, Item, Row> diff = new RowDiff<>(Item::id, r -> r.id, Row::new,
            (row, item) -> row.value = item.value());
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    @Test
    void keepsRowObjectsOfKeysThatRemainAndUpdatesThemInPlace() {
        diff.apply(rows, List.of(new Item(1, "a"), new Item(2, "b"), new Item(3, "c")));
        Row one = rows.get(0);
        Row three = rows.get(2);

        diff.apply(rows, List.of(new Item(1, "a2"), new Item(3, "c"), new Item(4, "d")));

        assertThat(rows).extracting(r -> r.id).containsExactly(1, 3, 4);
        assertThat(rows.get(0)).isSameAs(one);
        assertThat(rows.get(1)).isSameAs(three);
        assertThat(one.value).isEqualTo("a2");
        assertThat(rows.get(2).value).isEqualTo("d");
    }

    @Test
    void followsTheSnapshotOrderWithTheSameObjects() {
        diff.apply(rows, List.of(new Item(1, "a"), new Item(2, "b"), new Item(3, "c")));
        List<Row> before = new ArrayList<>(rows);

        diff.apply(rows, List.of(new Item(3, "c"), new Item(1, "a"), new Item(2, "b")));

        assertThat(rows).containsExactly(before.get(2), before.get(0), before.get(1));
    }

    @Test
    void anUnchangedSnapshotFiresNoListChange() {
        diff.apply(rows, List.of(new Item(1, "a"), new Item(2, "b")));
        List<ListChangeListener.Change<? extends Row>> changes = new ArrayList<>();
        rows.addListener((ListChangeListener<Row>) changes::add);

        diff.apply(rows, List.of(new Item(1, "a"), new Item(2, "b")));

        assertThat(changes).isEmpty();
    }

    @Test
    void anEmptySnapshotEmptiesTheList() {
        diff.apply(rows, List.of(new Item(1, "a")));

        diff.apply(rows, List.of());

        assertThat(rows).isEmpty();
    }
}
