package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.isoscope.views.processes.HostProcesses.later;
import static io.isoscope.views.processes.HostProcesses.proc;
import static org.assertj.core.api.Assertions.assertThat;

/** The host table's parent/child tree. */
class HostTreeTest {

    private final ProcessesViewModel tables = new ProcessesViewModel(new io.isoscope.engine.testing.FakeContainerEngine());

    private void showHost(HostProcess... host) {
        tables.apply(new ProcessesViewModel.Snapshot(null, List.of(), List.of(host)));
    }

    /** Each shown row as "PID@depth" plus its expander: + collapsed, - expanded, nothing for a leaf. */
    private List<String> tree() {
        return tables.hostRows().stream().map(r -> {
            TreeLabel l = r.treeLabelProperty().get();
            String mark = switch (l.disclosure()) {
                case EXPANDED -> "-";
                case COLLAPSED -> "+";
                default -> "";
            };
            return r.pid() + "@" + l.depth() + mark;
        }).toList();
    }

    private HostProcessRow row(long pid) {
        return tables.hostRows().stream().filter(r -> r.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void childrenFollowTheirParentDepthFirst() {
        showHost(proc(1, 0, "init", 1, 1), proc(2, 0, "kthreadd", 1, 1), proc(30, 1, "sshd", 1, 1),
                proc(31, 30, "sshd", 1, 1), proc(32, 31, "bash", 1, 1), proc(40, 2, "kworker", 1, 1),
                proc(20, 1, "cron", 1, 1));
        assertThat(row(30).treeLabelProperty().get().inTree()).isFalse();

        tables.hostTreeProperty().set(true);

        assertThat(tree()).containsExactly("1@0-", "20@1", "30@1-", "31@2-", "32@3", "2@0-", "40@1");
        assertThat(row(32).treeLabelProperty().get().name()).isEqualTo("bash");

        tables.hostTreeProperty().set(false);
        assertThat(tables.hostRows()).extracting(HostProcessRow::pid).containsExactly(1L, 2L, 20L, 30L, 31L, 32L, 40L);
        assertThat(row(32).treeLabelProperty().get()).isEqualTo(TreeLabel.flat("bash"));
    }

    @Test
    void anOrphanWhoseParentIsGoneBecomesARootAndACycleLosesNoRow() {
        tables.hostTreeProperty().set(true);
        showHost(proc(1, 0, "init", 1, 1), proc(50, 49, "orphan", 1, 1), proc(51, 50, "child", 1, 1),
                proc(60, 61, "loop-a", 1, 1), proc(61, 60, "loop-b", 1, 1), proc(70, 70, "self", 1, 1));

        assertThat(tree()).containsExactly("1@0", "50@0-", "51@1", "70@0", "60@0-", "61@1-");
    }

    @Test
    void siblingsFollowTheSortAndTheTreeKeepsItAcrossRefreshes() {
        HostProcess a = proc(11, 1, "a", 1.0, 1);
        HostProcess b = proc(12, 1, "b", 5.0, 1);
        HostProcess bChild = proc(13, 12, "b1", 0.0, 1);
        tables.hostTreeProperty().set(true);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.CPU, false)));
        showHost(proc(1, 0, "init", 0, 1), a, b, bChild);
        assertThat(tree()).containsExactly("1@0-", "12@1-", "13@2", "11@1");

        showHost(proc(1, 0, "init", 0, 1), later(a, 9.0, 1), b, bChild);

        assertThat(tree()).containsExactly("1@0-", "11@1", "12@1-", "13@2");
    }

    @Test
    void collapsedRowsStayCollapsedAcrossRefreshesUntilTheProcessIsGone() {
        tables.hostTreeProperty().set(true);
        HostProcess init = proc(1, 0, "init", 1, 1);
        HostProcess sshd = proc(30, 1, "sshd", 1, 1);
        HostProcess bash = proc(31, 30, "bash", 1, 1);
        showHost(init, sshd, bash);

        tables.toggleExpanded(row(30));
        assertThat(tree()).containsExactly("1@0-", "30@1+");

        showHost(later(init, 2, 1), later(sshd, 3, 1), later(bash, 4, 1), proc(32, 30, "top", 1, 1));
        assertThat(tree()).as("a refresh keeps it collapsed").containsExactly("1@0-", "30@1+");

        tables.setExpanded(row(30), true);
        assertThat(tree()).containsExactly("1@0-", "30@1-", "31@2", "32@2");

        tables.toggleExpanded(row(1));
        assertThat(tree()).containsExactly("1@0+");
        tables.hostTreeProperty().set(false);
        assertThat(tables.hostRows()).as("the flat table shows everything").hasSize(4);
        tables.hostTreeProperty().set(true);
        assertThat(tree()).as("and the tree remembers").containsExactly("1@0+");
    }

    @Test
    void theTreeOfAFilteredTableHasTheMatchesOnly() {
        showHost(proc(1, 0, "init", 1, 1), proc(30, 1, "sshd", 1, 1), proc(31, 30, "sshd", 1, 1),
                proc(32, 31, "bash", 1, 1));
        tables.hostTreeProperty().set(true);

        tables.hostFilterProperty().set("sshd");

        assertThat(tree()).as("sshd's parent is filtered out: the first sshd is a root").containsExactly("30@0-", "31@1");
    }
}
