package io.isoscope.views.processes;

import java.util.List;
import java.util.Set;

/**
 * What the user asked the host table for: the filter text, "only this container", the sort, the tree and which
 * tree rows are collapsed. A refresh computed for another query is not shown. Immutable, thread-safe.
 *
 * @param filter    the filter field's text (a name pattern or a PID; blank for all)
 * @param onlyOwn   whether only the selected container's rows are shown
 * @param sort      the sort levels, first level first; empty for the default order
 * @param tree      whether rows are shown as a parent/child tree
 * @param collapsed PIDs of the tree rows whose children are hidden
 */
record HostQuery(String filter, boolean onlyOwn, List<HostSortKey> sort, boolean tree, Set<Long> collapsed) {

    /** Copies the collections. */
    HostQuery {
        filter = filter == null ? "" : filter;
        sort = List.copyOf(sort);
        collapsed = Set.copyOf(collapsed);
    }
}
