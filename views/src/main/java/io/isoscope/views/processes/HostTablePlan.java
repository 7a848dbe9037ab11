package io.isoscope.views.processes;

import java.util.List;

/**
 * The host table as one refresh wants it, computed off the UI thread: the rows in display order and where each PID
 * stands, so the UI thread only copies entries into its rows and finds a selected process without a search.
 * Immutable, thread-safe.
 *
 * @param query      what the user had asked for when it was computed
 * @param filter     the filter the query's text stands for
 * @param entries    the rows in display order
 * @param indexByPid each row's position in {@code entries}, by PID
 */
record HostTablePlan(HostQuery query, HostFilter filter, List<HostEntry> entries, PidIndex indexByPid) {
}
