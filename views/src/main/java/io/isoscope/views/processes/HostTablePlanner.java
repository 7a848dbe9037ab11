package io.isoscope.views.processes;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes a {@link HostTablePlan} from a snapshot and a query: filters, builds each row's entry (role badge,
 * highlights), sorts or arranges the tree, and takes the difference from the plan shown before. Pure apart from
 * numbering its plans; thread-safe, meant for a background thread.
 */
final class HostTablePlanner {

    private static final int SHORT_ID = 12;

    private final AtomicLong versions = new AtomicLong();

    /**
     * The plan for showing {@code snapshot}'s host processes as {@code query} asks, against {@code base} (the
     * plan the table shows now, or {@code null}); {@code names} maps container ids to names for the role badges.
     */
    HostTablePlan plan(ProcessesViewModel.Snapshot snapshot, HostQuery query, Map<String, String> names,
                       HostTablePlan base) {
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
        return diff(versions.incrementAndGet(), base, query, filter, planned, new PidIndex(planned));
    }

    private static HostTablePlan diff(long version, HostTablePlan base, HostQuery query, HostFilter filter,
                                      List<HostEntry> shown, PidIndex indexByPid) {
        int n = shown.size();
        int[] baseIndex = new int[n];
        int[] changed = new int[n];
        int changedCount = 0;
        for (int i = 0; i < n; i++) {
            HostEntry e = shown.get(i);
            int old = base == null ? -1 : base.indexByPid().positionOf(e.pid());
            baseIndex[i] = old;
            if (old < 0 || !e.equals(base.entries().get(old))) {
                changed[changedCount++] = i;
            }
        }
        if (base == null) {
            return new HostTablePlan(version, -1, query, filter, shown, indexByPid, baseIndex, new int[0],
                    Arrays.copyOf(changed, changedCount), false);
        }
        int[] removed = new int[base.entries().size()];
        int removedCount = 0;
        for (int j = 0; j < base.entries().size(); j++) {
            if (!indexByPid.contains(base.entries().get(j).pid())) {
                removed[removedCount++] = j;
            }
        }
        // What the UI thread's list becomes without sorting: the base's rows minus the removed, new rows appended
        // (in display order). If that is the display order, nothing needs sorting.
        boolean orderKept = true;
        int next = 0;
        for (int j = 0; orderKept && j < base.entries().size(); j++) {
            int now = indexByPid.positionOf(base.entries().get(j).pid());
            if (now >= 0) {
                orderKept = now == next++;
            }
        }
        for (int i = 0; orderKept && i < n; i++) {
            if (baseIndex[i] < 0) {
                orderKept = i == next++;
            }
        }
        return new HostTablePlan(version, base.version(), query, filter, shown, indexByPid, baseIndex,
                Arrays.copyOf(removed, removedCount), Arrays.copyOf(changed, changedCount), orderKept);
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
