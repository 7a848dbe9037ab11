package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes a {@link HostTablePlan} from a snapshot and a query: filters, builds each row's entry (role badge,
 * highlights), sorts or arranges the tree, and indexes the PIDs. Pure; thread-safe, meant for a background thread.
 */
final class HostTablePlanner {

    private static final int SHORT_ID = 12;

    /**
     * The plan for showing {@code snapshot}'s host processes as {@code query} asks; {@code names} maps container
     * ids to names for the role badges.
     */
    HostTablePlan plan(ProcessesViewModel.Snapshot snapshot, HostQuery query, Map<String, String> names) {
        HostFilter filter = HostFilter.of(query.filter());
        String ownId = snapshot.container() == null ? null : snapshot.container().id();
        Set<Long> shared = sharedPids(snapshot);
        List<HostEntry> entries = new ArrayList<>();
        for (HostProcess h : snapshot.host()) {
            boolean own = ownId != null && ownId.equals(h.containerId());
            if (!filter.matches(h) || (query.onlyOwn() && !own)) {
                continue;
            }
            entries.add(new HostEntry(h, roleBadge(h, names), !shared.isEmpty() && shared.contains(h.pid()),
                    own && h.role() == ProcessRole.VM_WORKER, null));
        }
        Comparator<HostEntry> order = order(query, ownId);
        List<HostEntry> shown;
        if (query.tree()) {
            shown = ProcessTree.arrange(entries, order, query.collapsed());
        } else {
            entries.sort(order);
            shown = entries;
        }
        List<HostEntry> planned = List.copyOf(shown);
        return new HostTablePlan(query, filter, planned, new PidIndex(planned));
    }

    /**
     * The sort the query asks for, ties broken by PID; without one, the flat table puts the selected container's
     * own rows first (so the highlighted pair is in view without scrolling) and the tree goes by PID.
     */
    private static Comparator<HostEntry> order(HostQuery query, String ownId) {
        Comparator<HostEntry> byPid = HostColumn.PID.ascending();
        if (query.sort().isEmpty()) {
            if (query.tree() || ownId == null) {
                return byPid;
            }
            Comparator<HostEntry> ownFirst = Comparator.comparing(e -> !ownId.equals(e.process().containerId()));
            return ownFirst.thenComparing(byPid);
        }
        Comparator<HostEntry> order = null;
        for (HostSortKey key : query.sort()) {
            Comparator<HostEntry> level = key.ascending() ? key.column().ascending()
                    : key.column().ascending().reversed();
            order = order == null ? level : order.thenComparing(level);
        }
        return order.thenComparing(byPid);
    }

    /** "container NAME" for a container's process, "VM worker of NAME" for a VM worker, else empty. */
    static String roleBadge(HostProcess h, Map<String, String> names) {
        if (h.role() == ProcessRole.HOST || h.role() == null) {
            return "";
        }
        String id = h.containerId();
        String name = id == null ? null : names.getOrDefault(id, id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id);
        boolean worker = h.role() == ProcessRole.VM_WORKER;
        if (name == null) {
            return worker ? HostProcessRow.ROLE_VM_WORKER : HostProcessRow.ROLE_CONTAINER;
        }
        return worker ? HostProcessRow.ROLE_VM_WORKER + " of " + name : HostProcessRow.ROLE_CONTAINER + " " + name;
    }

    /**
     * Host PIDs that both tables show: the container's processes the host can see. One pass over the host rows
     * with the container's few PIDs in hand (it also runs on the UI thread).
     */
    static Set<Long> sharedPids(ProcessesViewModel.Snapshot snapshot) {
        long[] wanted = snapshot.inside().stream().map(ContainerProcess::hostPid).filter(Objects::nonNull)
                .mapToLong(Long::longValue).toArray();
        if (wanted.length == 0) {
            return Set.of();
        }
        Set<Long> shared = new HashSet<>();
        for (HostProcess h : snapshot.host()) {
            for (long pid : wanted) {
                if (h.pid() == pid) {
                    shared.add(pid);
                }
            }
        }
        return shared;
    }
}
