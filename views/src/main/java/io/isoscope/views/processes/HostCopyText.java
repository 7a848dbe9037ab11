package io.isoscope.views.processes;

import io.isoscope.views.common.Formats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Host rows as text for the clipboard: a header line with the table's column names, then one line per row, the
 * values tab-separated as the table shows them (the start time in full, since the table's short form drops the
 * date). Pastes into a spreadsheet as columns. Stateless, thread-safe.
 */
final class HostCopyText {

    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private HostCopyText() {
    }

    /** The header and {@code rows}, each line ending in a newline; times in {@code zone}. UI thread (reads rows). */
    static String of(List<HostProcessRow> rows, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        StringJoiner header = new StringJoiner("\t");
        for (HostColumn column : HostColumn.values()) {
            header.add(column.header());
        }
        out.append(header).append('\n');
        for (HostProcessRow row : rows) {
            StringJoiner line = new StringJoiner("\t");
            for (HostColumn column : HostColumn.values()) {
                line.add(clean(value(row, column, zone)));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String value(HostProcessRow row, HostColumn column, ZoneId zone) {
        return switch (column) {
            case PID -> String.valueOf(row.pid());
            case PPID -> String.valueOf(row.ppidProperty().get());
            case NAME -> row.nameProperty().get();
            case ROLE -> row.roleBadgeProperty().get();
            case USER -> row.userProperty().get();
            case CPU -> Formats.seconds(row.cpuSecondsProperty().get());
            case WORKING_SET -> Formats.bytes(row.workingSetBytesProperty().get());
            case VIRTUAL -> Formats.bytes(row.virtualBytesProperty().get());
            case THREADS -> String.valueOf(row.threadsProperty().get());
            case SESSION -> String.valueOf(row.sessionIdProperty().get());
            case START -> fullTime(row.startTimeProperty().get(), zone);
            case COMMAND -> row.commandLineProperty().get();
        };
    }

    private static String fullTime(Instant instant, ZoneId zone) {
        return instant == null ? "" : FULL_TIME.format(instant.atZone(zone));
    }

    /** A tab or line break inside a value (command lines can hold them) would break the columns. */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\t\\r\\n]", " ");
    }
}
