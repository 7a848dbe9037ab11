package io.isoscope.views.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void startTimeIsTheTimeOfDayForTodayInTheGivenZone() {
        Instant started = Instant.parse("2024-11-28T07:06:12Z");

        assertThat(Formats.startTime(started, BERLIN, LocalDate.of(2024, 11, 28))).isEqualTo("08:06:12");
        assertThat(Formats.startTime(started, ZoneId.of("UTC"), LocalDate.of(2024, 11, 28))).isEqualTo("07:06:12");
    }

    @Test
    void startTimeOnAnEarlierDayShowsTheDayAndTheMinute() {
        assertThat(Formats.startTime(Instant.parse("2024-11-27T07:06:59Z"), BERLIN, LocalDate.of(2024, 11, 28)))
                .isEqualTo("Nov 27 08:06");
        assertThat(Formats.startTime(Instant.parse("2024-11-27T23:30:00Z"), BERLIN, LocalDate.of(2024, 11, 29)))
                .as("the day is the zone's, not UTC's").isEqualTo("Nov 28 00:30");
        assertThat(Formats.startTime(null, BERLIN, LocalDate.of(2024, 11, 28))).isEmpty();
    }

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(38_400_000)).isEqualTo("36.6 MiB");
        assertThat(Formats.seconds(10.375)).isEqualTo("10.38");
    }

    @Test
    void fixedDecimalsReadAsStringFormatWouldWriteThem() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            // CPU times come in clock ticks (hundredths), sizes in pages.
            double seconds = random.nextInt(10_000_000) / 100.0;
            long bytes = random.nextLong(1L << 42) & ~4095L;
            assertThat(Formats.seconds(seconds)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", seconds));
            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < 4) {
                value /= 1024;
                unit++;
            }
            String expected = unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value,
                    new String[] {"B", "KiB", "MiB", "GiB", "TiB"}[unit]);
            assertThat(Formats.bytes(bytes)).as("%d bytes", bytes).isEqualTo(expected);
        }
        assertThat(Formats.seconds(0.05)).isEqualTo("0.05");
        assertThat(Formats.seconds(0)).isEqualTo("0.00");
        assertThat(Formats.bytes(1023L * 1024 * 1024 + 900 * 1024)).isEqualTo("1023.9 MiB");
    }
}
