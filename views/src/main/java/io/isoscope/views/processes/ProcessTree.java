package io.isoscope.views.processes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arranges host rows as a parent/child tree by PPID, depth first, each row followed by its children: a row whose
 * parent is not among the rows (it exited, or the filter hides it) is a root. Stateless, thread-safe.
 */
final class ProcessTree {

    private record Step(HostEntry entry, int depth, boolean visible) {
    }

    private ProcessTree() {
    }

    /**
     * The rows in tree order, siblings (and roots) in {@code siblings} order, each placed at its depth with its
     * disclosure; the descendants of the rows in {@code collapsed} are left out.
     */
    static List<HostEntry> arrange(List<HostEntry> entries, Comparator<HostEntry> siblings, Set<Long> collapsed) {
        Map<Long, HostEntry> byPid = new HashMap<>(entries.size() * 2);
        for (HostEntry e : entries) {
            byPid.put(e.pid(), e);
        }
        Map<Long, List<HostEntry>> children = new HashMap<>();
        List<HostEntry> roots = new ArrayList<>();
        for (HostEntry e : entries) {
            long ppid = e.process().ppid();
            if (ppid != e.pid() && byPid.containsKey(ppid)) {
                children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(e);
            } else {
                roots.add(e);
            }
        }
        roots.sort(siblings);
        children.values().forEach(list -> list.sort(siblings));

        List<HostEntry> out = new ArrayList<>(entries.size());
        Set<Long> placed = new HashSet<>(entries.size() * 2);
        for (HostEntry root : roots) {
            walk(root, children, collapsed, placed, out);
        }
        if (placed.size() < entries.size()) {
            // Rows on a parent cycle (PIDs reused between two reads of /proc can make one) have no root above
            // them: each one not placed yet starts a tree of its own, so no row is lost.
            List<HostEntry> rest = new ArrayList<>();
            for (HostEntry e : entries) {
                if (!placed.contains(e.pid())) {
                    rest.add(e);
                }
            }
            rest.sort(siblings);
            for (HostEntry e : rest) {
                walk(e, children, collapsed, placed, out);
            }
        }
        return out;
    }

    /** Depth first without recursion (a long chain of parents must not overflow the stack). */
    private static void walk(HostEntry root, Map<Long, List<HostEntry>> children, Set<Long> collapsed,
                             Set<Long> placed, List<HostEntry> out) {
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new Step(root, 0, true));
        while (!stack.isEmpty()) {
            Step step = stack.pop();
            long pid = step.entry().pid();
            if (!placed.add(pid)) {
                continue;
            }
            List<HostEntry> kids = children.getOrDefault(pid, List.of());
            boolean open = !collapsed.contains(pid);
            if (step.visible()) {
                out.add(step.entry().placed(step.depth(), kids.isEmpty() ? TreeLabel.Disclosure.LEAF
                        : open ? TreeLabel.Disclosure.EXPANDED : TreeLabel.Disclosure.COLLAPSED));
            }
            // Hidden descendants are still walked, so they count as placed and are not taken for cycle members.
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Step(kids.get(i), step.depth() + 1, step.visible() && open));
            }
        }
    }
}
