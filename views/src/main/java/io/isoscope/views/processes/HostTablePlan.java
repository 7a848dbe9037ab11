package io.isoscope.views.processes;

import java.util.List;
import java.util.Map;

/**
 * The host table as one refresh wants it, computed off the UI thread, with its difference from the table as an
 * earlier plan left it, so the UI thread only touches what changed. Immutable, thread-safe.
 *
 * @param version     this plan's number
 * @param baseVersion the number of the plan the difference was taken against ({@code -1}: none)
 * @param query       what the user had asked for when it was computed
 * @param filter      the filter the query's text stands for
 * @param entries     the rows in display order
 * @param byPid       the same rows by PID
 * @param removed     PIDs of the base's rows that are gone
 * @param changed     rows that are new or differ from the base's, in display order
 * @param orderKept   whether the base's rows minus the removed ones, followed by the new ones, are already in
 *                    display order (then nothing is re-sorted)
 */
record HostTablePlan(long version, long baseVersion, HostQuery query, HostFilter filter, List<HostEntry> entries,
                     Map<Long, HostEntry> byPid, List<Long> removed, List<HostEntry> changed, boolean orderKept) {
}
