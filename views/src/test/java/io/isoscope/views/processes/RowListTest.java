package io.isoscope.views.processes;

import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The row list's bulk changes, checked by replaying them on a copy as a table would. */
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
                if (c.wasPermutated()) {
                    List<String> before = new ArrayList<>(mirror);
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        mirror.set(c.getPermutation(i), before.get(i));
                    }
                } else {
                    for (int i = 0; i < c.getRemovedSize(); i++) {
                        assertThat(mirror.remove(c.getFrom())).isEqualTo(c.getRemoved().get(i));
                    }
                    mirror.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
    }

    @Test
    void removingAtPositionsIsOneChangeThatATableCanReplay() {
        list.removeAt(new int[] {0, 2, 3, 5});

        assertThat(list).containsExactly("b", "e");
        assertThat(mirror).isEqualTo(list);
        assertThat(changes).isEqualTo(1);

        list.removeAt(new int[0]);
        assertThat(changes).as("nothing to remove, nothing to tell").isEqualTo(1);
    }

    @Test
    void aPermutationMovesEveryRowInOneChange() {
        Map<String, Integer> target = Map.of("a", 5, "b", 4, "c", 0, "d", 1, "e", 3, "f", 2);

        list.permute(target::get);

        assertThat(list).containsExactly("c", "d", "f", "e", "b", "a");
        assertThat(mirror).isEqualTo(list);
        assertThat(changes).isEqualTo(1);
    }
}
