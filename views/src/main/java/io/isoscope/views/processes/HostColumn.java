package io.isoscope.views.processes;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The host table's columns, each with the order it sorts in: numbers numerically, names and text
 * case-insensitively, start times by instant. Immutable, thread-safe.
 */
public enum HostColumn {
    PID("PID", Comparator.comparingLong(e -> e.process().pid())),
    PPID("PPID", Comparator.comparingLong(e -> e.process().ppid())),
    NAME("Name", text(e -> e.process().name())),
    ROLE("Role", text(HostEntry::role)),
    USER("User", text(e -> e.process().user())),
    CPU("CPU (s)", Comparator.comparingDouble(e -> e.process().cpuSeconds())),
    WORKING_SET("Working set", Comparator.comparingLong(e -> e.process().rssBytes())),
    VIRTUAL("VM size", Comparator.comparingLong(e -> e.process().virtualBytes())),
    THREADS("Threads", Comparator.comparingInt(e -> e.process().threads())),
    SESSION("SI", Comparator.comparingLong(e -> e.process().sessionId())),
    START("Start", Comparator.comparing(e -> e.process().startTime(),
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))),
    COMMAND("Command line", text(e -> e.process().commandLine()));

    private final String header;
    private final Comparator<HostEntry> ascending;

    HostColumn(String header, Comparator<HostEntry> ascending) {
        this.header = header;
        this.ascending = ascending;
    }

    /** The column's heading, as the table and the copied text show it. */
    public String header() {
        return header;
    }

    /** Ascending order of rows by this column's value (ties not broken). */
    Comparator<HostEntry> ascending() {
        return ascending;
    }

    private static Comparator<HostEntry> text(Function<HostEntry, String> value) {
        Comparator<String> byText = Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER
                .thenComparing(Comparator.naturalOrder()));
        return Comparator.comparing(value, byText);
    }
}
