package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.testing.FakeContainerEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesViewModelTest {

    private final FakeContainerEngine engine = new FakeContainerEngine().withHyperv(true);
    private final ProcessesViewModel tables = new ProcessesViewModel(engine);

    private ContainerInfo run(Isolation isolation, String name, String... command) {
        return engine.run(ContainerSpec.of("busybox", isolation, command).withName(name));
    }

    private void show(ContainerInfo container) {
        tables.select(container);
        tables.apply(tables.fetch(container));
    }

    private HostProcessRow hostRow(String name) {
        return tables.hostRows().stream().filter(r -> r.nameProperty().get().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSameProcessIsHighlightedInBothTablesWithItsPidMapping() {
        ContainerInfo web = run(Isolation.PROCESS, "web", "ping", "127.0.0.1");
        long hostPid = engine.hostProcesses().stream().filter(h -> h.name().equals("ping")).findFirst()
                .orElseThrow().pid();

        show(web);

        ContainerProcessRow inside = tables.containerRows().get(0);
        assertThat(inside.containerPid()).isEqualTo(1);
        assertThat(inside.hostPidProperty().get()).isEqualTo(hostPid);
        assertThat(inside.mappedProperty().get()).isTrue();
        HostProcessRow host = hostRow("ping");
        assertThat(host.pid()).isEqualTo(hostPid);
        assertThat(host.mappedProperty().get()).isTrue();
        assertThat(host.roleProperty().get()).isEqualTo(HostProcessRow.ROLE_CONTAINER);
        assertThat(host.containerPidProperty().get()).isEqualTo(1L);
        assertThat(hostRow("sshd").mappedProperty().get()).isFalse();
        assertThat(tables.mappingProperty().get()).isEqualTo("container PID 1 = host PID " + hostPid);
        assertThat(tables.verdictProperty().get())
                .isEqualTo("ping (container PID 1) is host PID " + hostPid + ": the host kernel runs it");
        assertThat(tables.verdictKindProperty().get()).isEqualTo(VerdictKind.SAME_PROCESS);
        assertThat(tables.containerTitleProperty().get()).isEqualTo("Inside the container web");
        assertThat(tables.hostRows().get(0)).as("the container's own host row comes first").isSameAs(host);
    }

    @Test
    void onlyTheSelectedContainersRowsAreHighlighted() {
        run(Isolation.PROCESS, "other", "top");
        ContainerInfo web = run(Isolation.PROCESS, "web", "ping", "127.0.0.1");

        show(web);

        assertThat(hostRow("top").mappedProperty().get()).isFalse();
        assertThat(hostRow("top").roleProperty().get()).isEqualTo(HostProcessRow.ROLE_CONTAINER);
        assertThat(hostRow("ping").mappedProperty().get()).isTrue();
    }

    @Test
    void aHypervContainerShowsItsVmWorkerAndNoSharedProcess() {
        ContainerInfo vm = run(Isolation.HYPERV, "vm", "ping", "localhost");

        show(vm);

        ContainerProcessRow inside = tables.containerRows().get(0);
        assertThat(inside.hostPidProperty().get()).isNull();
        assertThat(inside.mappedProperty().get()).isFalse();
        HostProcessRow worker = hostRow("vmwp");
        assertThat(worker.vmWorkerProperty().get()).isTrue();
        assertThat(worker.mappedProperty().get()).isFalse();
        assertThat(worker.roleProperty().get()).isEqualTo(HostProcessRow.ROLE_VM_WORKER);
        assertThat(tables.verdictKindProperty().get()).isEqualTo(VerdictKind.BEHIND_VM);
        assertThat(tables.verdictProperty().get()).contains("is not visible on the host").contains("vmwp");
        assertThat(tables.mappingProperty().get())
                .isEqualTo("container PID 1 = no host PID   ·   VM worker = host PID " + worker.pid());

        tables.hostFilterProperty().set("ping");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostPlaceholderProperty().get())
                .isEqualTo("Cannot find a process with the name \"ping\". Verify the process name and call the cmdlet again.");
    }

    @Test
    void theHostFilterBehavesLikeGetProcessName() {
        ContainerInfo web = run(Isolation.PROCESS, "web", "ping", "127.0.0.1");
        engine.addHostProcess(900, "pingd");
        show(web);
        int all = tables.hostRows().size();

        tables.hostFilterProperty().set("PING");
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).containsExactly("ping");

        tables.hostFilterProperty().set("p*");
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).containsExactlyInAnyOrder("ping", "pingd");

        tables.hostFilterProperty().set("ssh?");
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).containsExactly("sshd");

        assertThat(tables.hostNotFoundProperty().get()).isFalse();
        tables.hostFilterProperty().set("nosuch");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostNotFoundProperty().get()).isTrue();
        assertThat(tables.hostPlaceholderProperty().get())
                .isEqualTo("Cannot find a process with the name \"nosuch\". Verify the process name and call the cmdlet again.");

        tables.hostFilterProperty().set("  ");
        assertThat(tables.hostRows()).hasSize(all);
        assertThat(tables.hostNotFoundProperty().get()).isFalse();
    }

    @Test
    void onlyThisContainerRestrictsTheHostTableToTheSelectedContainersRows() {
        ContainerInfo other = run(Isolation.PROCESS, "other", "top");
        ContainerInfo web = run(Isolation.PROCESS, "web", "ping", "127.0.0.1");
        ContainerInfo vm = run(Isolation.HYPERV, "vm", "ping", "localhost");
        show(web);
        int all = tables.hostRows().size();
        assertThat(tables.onlySelectedProperty().get()).as("off by default").isFalse();
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).contains("init", "sshd", "top", "vmwp");

        tables.onlySelectedProperty().set(true);
        assertThat(tables.hostRows()).singleElement().satisfies(r -> {
            assertThat(r.nameProperty().get()).isEqualTo("ping");
            assertThat(r.containerId()).isEqualTo(web.id());
            assertThat(r.mappedProperty().get()).isTrue();
        });

        show(vm);
        assertThat(tables.hostRows()).as("a Hyper-V container's only host row is its VM worker").singleElement()
                .satisfies(r -> {
                    assertThat(r.roleProperty().get()).isEqualTo(HostProcessRow.ROLE_VM_WORKER);
                    assertThat(r.containerId()).isEqualTo(vm.id());
                });

        tables.hostFilterProperty().set("ping");
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostNotFoundProperty().get()).isTrue();
        tables.hostFilterProperty().set("");

        show(other);
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).containsExactly("top");

        tables.onlySelectedProperty().set(false);
        assertThat(tables.hostRows()).hasSize(all);
    }

    @Test
    void onlyThisContainerWithoutASelectionShowsNoHostRowsAndSaysWhy() {
        ContainerInfo web = run(Isolation.PROCESS, "web", "ping", "127.0.0.1");
        tables.onlySelectedProperty().set(true);

        show(null);

        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostNotFoundProperty().get()).isFalse();
        assertThat(tables.hostPlaceholderProperty().get())
                .isEqualTo("Select a container to see only its processes on the host");

        tables.select(web);
        assertThat(tables.hostPlaceholderProperty().get()).as("until its first sample arrives")
                .isEqualTo("Reading host processes…");
        tables.apply(tables.fetch(web));
        assertThat(tables.hostRows()).extracting(r -> r.nameProperty().get()).containsExactly("ping");

        engine.exit("web", 0);
        show(engine.inspect(web.id()));
        assertThat(tables.hostRows()).isEmpty();
        assertThat(tables.hostPlaceholderProperty().get()).isEqualTo("web is not running — the host has no process of it");
    }

    @Test
    void aRefreshUpdatesChangedRowsInPlaceAndKeepsUnchangedOnes() {
        ContainerInfo c = run(Isolation.PROCESS, "web", "sh");
        tables.select(c);
        tables.apply(new ProcessesViewModel.Snapshot(c,
                List.of(inside(1, 500, "sh", 0.1), inside(7, 507, "sleep", 0.0)),
                List.of(host(1, "init", 2.0, c.id()), host(500, "sh", 0.1, c.id()), host(507, "sleep", 0.0, c.id()))));
        ContainerProcessRow sh = tables.containerRows().get(0);
        HostProcessRow init = tables.hostRows().stream().filter(r -> r.pid() == 1).findFirst().orElseThrow();
        HostProcessRow hostSh = tables.hostRows().stream().filter(r -> r.pid() == 500).findFirst().orElseThrow();

        tables.apply(new ProcessesViewModel.Snapshot(c,
                List.of(inside(1, 500, "sh", 0.4), inside(9, 509, "ping", 0.0)),
                List.of(host(1, "init", 2.0, c.id()), host(500, "sh", 0.4, c.id()), host(509, "ping", 0.0, c.id()))));

        assertThat(tables.containerRows()).extracting(ContainerProcessRow::containerPid).containsExactly(1L, 9L);
        assertThat(tables.containerRows().get(0)).isSameAs(sh);
        assertThat(sh.cpuSecondsProperty().get()).isEqualTo(0.4);
        assertThat(tables.hostRows()).extracting(HostProcessRow::pid).containsExactly(500L, 509L, 1L);
        assertThat(tables.hostRows()).contains(init, hostSh);
        assertThat(hostSh.cpuSecondsProperty().get()).isEqualTo(0.4);
        assertThat(tables.mappingProperty().get())
                .isEqualTo("container PID 1 = host PID 500   ·   container PID 9 = host PID 509");
    }

    @Test
    void aSnapshotForAContainerNoLongerSelectedIsIgnored() {
        ContainerInfo a = run(Isolation.PROCESS, "a", "top");
        ContainerInfo b = run(Isolation.PROCESS, "b", "ping", "127.0.0.1");
        ProcessesViewModel.Snapshot forA = tables.fetch(a);

        tables.select(b);
        tables.apply(forA);

        assertThat(tables.containerRows()).isEmpty();
        assertThat(tables.containerTitleProperty().get()).isEqualTo("Inside the container b");
    }

    @Test
    void emptyStatesSayWhy() {
        assertThat(tables.containerPlaceholderProperty().get()).isEqualTo("Select a container to see its processes");
        tables.apply(tables.fetch(null));
        assertThat(tables.verdictKindProperty().get()).isEqualTo(VerdictKind.NONE);
        assertThat(tables.mappingProperty().get()).isEmpty();

        ContainerInfo web = run(Isolation.PROCESS, "web", "top");
        engine.exit("web", 0);
        show(engine.inspect(web.id()));

        assertThat(tables.containerRows()).isEmpty();
        assertThat(tables.containerPlaceholderProperty().get()).isEqualTo("web is not running — no processes to show");
        assertThat(tables.verdictProperty().get()).isEqualTo("web is not running: no process to compare");
    }

    private static ContainerProcess inside(long pid, long hostPid, String name, double cpu) {
        return new ContainerProcess(pid, pid == 1 ? 0 : 1, hostPid, "root", name, name, cpu, 1 << 20, Instant.EPOCH);
    }

    /** A host row; PIDs from 500 up belong to container {@code cid}. */
    private static HostProcess host(long pid, String name, double cpu, String cid) {
        boolean own = pid >= 500;
        return new HostProcess(pid, 1, name, name, "root", cpu, 1 << 20, 4 << 20, 1, pid, Instant.EPOCH,
                own ? ProcessRole.CONTAINER : ProcessRole.HOST, own ? cid : null, own ? pid - 499 : null);
    }
}
