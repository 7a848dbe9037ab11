package io.isoscope.views.processes;

import java.util.Objects;

/**
 * One level of the host table's sort: a column and its direction, as the table's header shows it.
 * Immutable, thread-safe.
 *
 * @param column    the column sorted by
 * @param ascending whether smaller values come first
 */
public record HostSortKey(HostColumn column, boolean ascending) {

    /** Checks the column is given. */
    public HostSortKey {
        Objects.requireNonNull(column, "column");
    }
}
