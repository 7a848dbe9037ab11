package io.isoscope.app.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTest {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final long MONTH = 30 * DAY;
    private static final long YEAR = 365 * DAY;

    @ParameterizedTest(name = "{0} ms is \"{1}\"")
    @CsvSource({
            "-5000, Less than a second",
            "0, Less than a second",
            "450, Less than a second",
            "1000, 1 second",
            "1999, 1 second",
            "45000, 45 seconds",
            "59999, 59 seconds",
            "60000, About a minute",
            "119999, About a minute",
            "180000, 3 minutes",
            "2140000, 35 minutes",
            "3540000, 59 minutes",
            "3599999, 59 minutes",
            "3600000, About an hour",
            "5340000, About an hour",
            "5460000, 2 hours",
            "12540000, 3 hours",
            "12660000, 4 hours",
            "86400000, 24 hours",
            "129600000, 36 hours",
    })
    void shortDurations(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} s is \"{1}\"")
    @CsvSource({
            2 * DAY + ", 2 days",
            7 * DAY + ", 7 days",
            (13 * DAY + 5 * HOUR) + ", 13 days",
            2 * WEEK + ", 2 weeks",
            (2 * WEEK + 4 * DAY) + ", 2 weeks",
            MONTH + ", 4 weeks",
            (MONTH + 2 * WEEK) + ", 6 weeks",
            2 * MONTH + ", 2 months",
            (5 * MONTH + 2 * WEEK) + ", 5 months",
            24 * MONTH + ", 24 months",
            (24 * MONTH + 2 * WEEK) + ", 2 years",
            (3 * YEAR + 2 * MONTH) + ", 3 years",
    })
    void longDurations(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
