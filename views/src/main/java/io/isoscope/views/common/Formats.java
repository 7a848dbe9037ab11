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
        return unit == 0 ? bytes + " B" : fixed(value, 10) + " " + UNITS[unit];
    }

    /** CPU seconds with two decimals, e.g. {@code 0.52}. */
    public static String seconds(double seconds) {
        return fixed(seconds, 100);
    }

    /**
     * {@code value} with 1 ({@code scale} 10) or 2 ({@code scale} 100) decimals, rounded half up. Not String.format:
     * tables format thousands of these a second, and the Formatter costs ten times as much.
     */
    private static String fixed(double value, int scale) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            return String.format(Locale.ROOT, scale == 10 ? "%.1f" : "%.2f", value);
        }
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder out = new StringBuilder(24);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale).append('.');
        long fraction = scaled % scale;
        if (scale == 100 && fraction < 10) {
            out.append('0');
        }
        return out.append(fraction).toString();
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
