package io.isoscope.app.cli;

import java.time.Duration;

/** Docker's human approximation of a duration (go-units {@code HumanDuration}), e.g. "About a minute". Stateless, thread-safe. */
final class HumanDuration {

    private static final long DAY = 24;

    private HumanDuration() {
    }

    /** E.g. "Less than a second", "1 second", "5 seconds", "About an hour", "3 days", "2 weeks", "2 years". */
    static String format(Duration d) {
        long seconds = d.isNegative() ? 0 : d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        double exactHours = seconds / 3600.0 + d.getNano() / 3.6e12;
        // Docker rounds hours (1h31m is "2 hours") but truncates years.
        long hours = Math.round(exactHours);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 2 * DAY) {
            return hours + " hours";
        } else if (hours < DAY * 7 * 2) {
            return hours / DAY + " days";
        } else if (hours < DAY * 30 * 2) {
            return hours / DAY / 7 + " weeks";
        } else if (hours < DAY * 365 * 2) {
            return hours / DAY / 30 + " months";
        }
        return (long) exactHours / DAY / 365 + " years";
    }
}
