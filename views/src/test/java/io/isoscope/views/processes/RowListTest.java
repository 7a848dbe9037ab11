package io.isoscope.views.processes;

import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The row list's bulk change, checked by replaying it on a copy as a table would. */
class RowListTest {

    private final RowList<String> list = new RowList<>();
    private final List<String> mirror = new ArrayList<>();
    private int changes;

    RowListTest() {
        list.addAll(List.of("a", "b", "c", "d", "e", "f"));
        mirror.addAll(list);
        list.addListener((ListChangeListener<String>) c -> {
            changes++;
            while (c.next()) {
                for (int i = 0; i < c.getRemovedSize(); i++) {
                    assertThat(mirror.remove(c.getFrom())).isEqualTo(c.getRemoved().get(i));
                }
                mirror.addAll(c.getFrom(), c.getAddedSubList());
            }
        });
    }

    @Test
    void droppingTheTailIsOneChangeThatATableCanReplay() {
        list.truncate(2);

        assertThat(list).containsExactly("a", "b");
        assertThat(mirror).isEqualTo(list);
        assertThat(changes).isEqualTo(1);

        list.truncate(5);
        assertThat(changes).as("nothing to remove, nothing to tell").isEqualTo(1);
        list.truncate(0);
        assertThat(list).isEmpty();
        assertThat(mirror).isEmpty();
        assertThat(changes).isEqualTo(2);
    }
}
