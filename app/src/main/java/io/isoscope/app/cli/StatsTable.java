package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerStats;

import java.util.Locale;

/**
 * {@code docker stats}' table: CONTAINER ID, NAME, CPU %, MEM USAGE / LIMIT, MEM % and PIDS (network and block I/O
 * are not counted here). CPU % is docker's: 100% is one CPU busy. "--" where a value is unknown: no second sample
 * yet, no memory limit, or the container not running. Not thread-safe: build, then print.
 */
final class StatsTable {

    /** docker's formatter lays tables out with a minimum column width of 10. */
    private static final int MIN_WIDTH = 10;
    private static final String UNKNOWN = "--";

    private final TextTable table = TextTable.of(MIN_WIDTH, "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT",
            "MEM %", "PIDS");
    private final boolean trunc;

    /** A table with short ids, or full ones when {@code trunc} is false. */
    StatsTable(boolean trunc) {
        this.trunc = trunc;
    }

    /** Adds the row of {@code c}: {@code later} is its newest sample (null: not running), {@code earlier} the one before. */
    StatsTable row(ContainerInfo c, ContainerStats earlier, ContainerStats later) {
        String id = trunc ? c.shortId() : c.id();
        if (later == null) {
            table.row(id, c.name(), UNKNOWN, UNKNOWN + " / " + UNKNOWN, UNKNOWN, UNKNOWN);
            return this;
        }
        String cpu = earlier == null ? UNKNOWN : percent(later.cpuPercentSince(earlier));
        String limit = later.memoryLimitBytes() == null ? "no limit" : BinarySize.format(later.memoryLimitBytes());
        table.row(id, c.name(), cpu, BinarySize.format(later.memoryBytes()) + " / " + limit,
                later.memoryPercent().isPresent() ? percent(later.memoryPercent().getAsDouble()) : UNKNOWN,
                later.pids() == null ? UNKNOWN : Integer.toString(later.pids()));
        return this;
    }

    /** The table's lines, header first. */
    TextTable table() {
        return table;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
