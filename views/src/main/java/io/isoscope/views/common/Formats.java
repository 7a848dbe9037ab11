package io.isoscope.views.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text forms of table values (sizes, CPU time, start times), as admin tools print them. Stateless, thread-safe. */
public final class Formats {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private Formats() {
    }

    /** E.g. {@code 4.0 MiB}; bytes below 1 KiB as an integer. */
    public static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** CPU seconds with two decimals, e.g. {@code 0.52}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    /**
     * The time of day for today's instants (e.g. {@code 08:06:12}), else month, day and minute (e.g.
     * {@code Nov 27 08:06}): unlike ps's bare "Nov27", still telling a process restarted that morning from one
     * left from the evening before. Empty for {@code null}.
     */
    public static String startTime(Instant instant, ZoneId zone, LocalDate today) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(zone);
        return local.toLocalDate().equals(today) ? TODAY.format(local) : EARLIER.format(local);
    }
}
