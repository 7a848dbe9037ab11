package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.TaskRunner;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.isoscope.views.processes.HostProcesses.later;
import static io.isoscope.views.processes.HostProcesses.proc;
import static org.assertj.core.api.Assertions.assertThat;

/** The host table as a process inspector of its own: sort, filter by name or PID, role badges, copy, refresh cost. */
class HostInspectorTest {

    private final FakeContainerEngine engine = new FakeContainerEngine().withHyperv(true);
    private final ProcessesViewModel tables = new ProcessesViewModel(engine);

    private void showHost(HostProcess... host) {
        tables.apply(new ProcessesViewModel.Snapshot(null, List.of(), List.of(host)));
    }

    private List<Long> pids() {
        return tables.hostRows().stream().map(HostProcessRow::pid).toList();
    }

    private HostProcessRow row(long pid) {
        return tables.hostRows().stream().filter(r -> r.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void numericColumnsSortNumericallyAndTextColumnsIgnoreCase() {
        showHost(proc(100, 1, "beta", 2.5, 300), proc(9, 1, "Alpha", 10.0, 4_000), proc(10, 1, "gamma", 0.25, 20));

        tables.sortHostBy(List.of(new HostSortKey(HostColumn.PID, true)));
        assertThat(pids()).as("9 < 10 < 100, not \"10\" < \"100\" < \"9\"").containsExactly(9L, 10L, 100L);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.PID, false)));
        assertThat(pids()).containsExactly(100L, 10L, 9L);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.CPU, true)));
        assertThat(pids()).containsExactly(10L, 100L, 9L);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.WORKING_SET, false)));
        assertThat(pids()).containsExactly(9L, 100L, 10L);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.NAME, true)));
        assertThat(pids()).as("Alpha, beta, gamma").containsExactly(9L, 100L, 10L);
        tables.sortHostBy(List.of());
        assertThat(pids()).as("back to the default order").containsExactly(9L, 10L, 100L);
    }

    @Test
    void aSecondSortLevelBreaksTiesAndPidBreaksTheRest() {
        showHost(proc(5, 1, "a", "www", 1.0), proc(6, 1, "b", "root", 3.0), proc(7, 1, "c", "www", 4.0),
                proc(8, 1, "d", "root", 3.0));

        tables.sortHostBy(List.of(new HostSortKey(HostColumn.USER, true), new HostSortKey(HostColumn.CPU, false)));

        assertThat(pids()).containsExactly(6L, 8L, 7L, 5L);
    }

    @Test
    void theSortHoldsAcrossRefreshesAsValuesChangeAndProcessesComeAndGo() {
        HostProcess a = proc(10, 1, "a", 1.0, 100);
        HostProcess b = proc(11, 1, "b", 2.0, 100);
        HostProcess c = proc(12, 1, "c", 3.0, 100);
        showHost(a, b, c);
        tables.sortHostBy(List.of(new HostSortKey(HostColumn.CPU, false)));
        assertThat(pids()).containsExactly(12L, 11L, 10L);
        HostProcessRow third = tables.hostRows().get(2);

        showHost(later(a, 9.0, 100), later(b, 2.5, 100), proc(13, 1, "d", 5.0, 100));

        assertThat(pids()).as("a overtook everyone, c is gone, d comes in at its place").containsExactly(10L, 13L, 11L);
        assertThat(row(10).cpuSecondsProperty().get()).isEqualTo(9.0);
        assertThat(third.pid()).as("rows are positions: the third row shows b now").isEqualTo(11L);
        assertThat(tables.hostIndexOf(10)).isZero();
        assertThat(tables.hostIndexOf(12)).as("c is gone").isEqualTo(-1);
    }

    @Test
    void aNumberFiltersByPidWithGetProcessIdsMessage() {
        showHost(proc(1, 0, "init", 1, 1), proc(200, 1, "sshd", 1, 1), proc(2001, 1, "200", 1, 1));
        assertThat(tables.hostFilterLabelProperty().get()).isEqualTo("get-process -Name");

        tables.hostFilterProperty().set(" 200 ");
        assertThat(pids()).as("the PID, not a name or a prefix").containsExactly(200L);
        assertThat(tables.hostFilterLabelProperty().get()).isEqualTo("get-process -Id");
        assertThat(tables.hostNotFoundProperty().get()).isFalse();

        tables.hostFilterProperty().set("4242");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostNotFoundProperty().get()).isTrue();
        assertThat(tables.hostPlaceholderProperty().get())
                .isEqualTo("Cannot find a process with the process identifier 4242.");

        tables.hostFilterProperty().set("SSH*");
        assertThat(pids()).as("names keep get-process -Name's rules").containsExactly(200L);
        assertThat(tables.hostFilterLabelProperty().get()).isEqualTo("get-process -Name");
        tables.hostFilterProperty().set("s?h");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostPlaceholderProperty().get())
                .isEqualTo("Cannot find a process with the name \"s?h\". Verify the process name and call the cmdlet again.");
    }

    @Test
    void roleBadgesNameTheContainer() {
        ContainerInfo web = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("web"));
        engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "localhost").withName("vm"));

        tables.select(null);
        tables.apply(tables.fetch(null));

        HostProcessRow ping = tables.hostRows().stream().filter(r -> r.nameProperty().get().equals("ping"))
                .findFirst().orElseThrow();
        HostProcessRow worker = tables.hostRows().stream().filter(r -> r.nameProperty().get().equals("vmwp"))
                .findFirst().orElseThrow();
        assertThat(ping.roleBadgeProperty().get()).isEqualTo("container web");
        assertThat(ping.roleProperty().get()).isEqualTo(HostProcessRow.ROLE_CONTAINER);
        assertThat(worker.roleBadgeProperty().get()).isEqualTo("VM worker of vm");
        assertThat(HostProcessRow.badgeKind(worker.roleBadgeProperty().get())).isEqualTo("vm-worker");
        assertThat(HostProcessRow.badgeKind(ping.roleBadgeProperty().get())).isEqualTo("container");
        assertThat(row(1).roleBadgeProperty().get()).as("init is nobody's").isEmpty();

        tables.sortHostBy(List.of(new HostSortKey(HostColumn.ROLE, true)));
        assertThat(tables.hostRows().get(tables.hostRows().size() - 1)).isSameAs(worker);
        assertThat(web.name()).isEqualTo("web");
    }

    @Test
    void copiedRowsAreTabSeparatedWithAHeaderInTableOrder() {
        HostProcess withTab = new HostProcess(42, 1, "sh", "sh -c\techo\nhi", "www", 12.345, 3L << 20, 5L << 30, 3,
                42, java.time.Instant.parse("2025-03-04T05:06:07Z"), io.isoscope.engine.api.ProcessRole.HOST, null, null);
        showHost(proc(1, 0, "init", 0.5, 4096), withTab);

        String text = HostCopyText.of(List.of(row(42), row(1)), ZoneId.of("UTC"));

        assertThat(text).isEqualTo(String.join("\n",
                "PID\tPPID\tName\tRole\tUser\tCPU (s)\tWorking set\tVM size\tThreads\tSI\tStart\tCommand line",
                "42\t1\tsh\t\twww\t12.35\t3.0 MiB\t5.0 GiB\t3\t42\t2025-03-04 05:06:07\tsh -c echo hi",
                "1\t0\tinit\t\troot\t0.50\t4.0 KiB\t8.0 MiB\t1\t1\t2025-03-04 05:06:07\t/usr/bin/init", ""));
        assertThat(tables.copyText(List.of(row(1)))).startsWith("PID\tPPID\t").endsWith("/usr/bin/init\n");
    }

    @Test
    void aRefreshWithNothingNewChangesNoRowAndNoOrder() {
        HostProcess a = proc(10, 1, "a", 1.0, 100);
        HostProcess b = proc(11, 1, "b", 2.0, 100);
        tables.apply(tables.fetch(null));
        List<ListChangeListener.Change<? extends HostProcessRow>> changes = new ArrayList<>();
        showHost(a, b);
        tables.hostRows().addListener((ListChangeListener<HostProcessRow>) c -> changes.add(c));
        HostProcessRow rowA = row(10);
        List<Double> cpuChanges = new ArrayList<>();
        rowA.cpuSecondsProperty().addListener((obs, was, now) -> cpuChanges.add(now.doubleValue()));

        showHost(a, b);
        showHost(later(a, 1.5, 100), b);

        assertThat(changes).as("values changed in place: the list itself did not change").isEmpty();
        assertThat(cpuChanges).containsExactly(1.5);

        showHost(later(a, 1.5, 100), proc(12, 1, "c", 0, 1));
        assertThat(pids()).containsExactly(10L, 12L);
        assertThat(changes).as("as many rows as before: the second shows c instead of b, the list is unchanged")
                .isEmpty();
        showHost(later(a, 1.5, 100));
        assertThat(changes).as("one row fewer: one removal at the end").hasSize(1);
    }

    @Test
    void filterAndSortArePlannedInTheBackgroundAndAStalePlanIsDropped() {
        ManualExecutor background = new ManualExecutor();
        ProcessesViewModel async = new ProcessesViewModel(engine, new TaskRunner(background, Runnable::run));
        async.apply(new ProcessesViewModel.Snapshot(null, List.of(),
                List.of(proc(1, 0, "init", 1, 1), proc(2, 0, "kthreadd", 1, 1), proc(3, 2, "kworker", 1, 1))));
        background.runAll();
        assertThat(async.hostRows()).hasSize(3);

        async.hostFilterProperty().set("k*");
        async.hostFilterProperty().set("init");
        assertThat(async.hostRows()).as("nothing planned on the UI thread").hasSize(3);

        background.runAll();

        assertThat(async.hostRows()).extracting(r -> r.nameProperty().get()).containsExactly("init");
    }
}
