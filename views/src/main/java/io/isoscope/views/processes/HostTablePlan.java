package io.isoscope.views.processes;

import java.util.List;

/**
 * The host table as one refresh wants it, computed off the UI thread, with its difference from the table as an
 * earlier plan (the base) left it, given as positions, so the UI thread only touches what changed and looks nothing
 * up. Immutable once built (the arrays are never written after), thread-safe.
 *
 * @param version     this plan's number
 * @param baseVersion the number of the plan the difference was taken against ({@code -1}: none)
 * @param query       what the user had asked for when it was computed
 * @param filter      the filter the query's text stands for
 * @param entries     the rows in display order
 * @param indexByPid  each row's position in {@code entries}, by PID
 * @param baseIndex   for each row, its position in the base's entries, or {@code -1} for a new row
 * @param removed     positions in the base's entries of the rows that are gone
 * @param changed     positions in {@code entries} of the rows that are new or differ from the base's, ascending
 * @param orderKept   whether the base's rows minus the removed ones, followed by the new ones, are already in
 *                    display order (then nothing is re-sorted)
 */
record HostTablePlan(long version, long baseVersion, HostQuery query, HostFilter filter, List<HostEntry> entries,
                     PidIndex indexByPid, int[] baseIndex, int[] removed, int[] changed,
                     boolean orderKept) {
}
