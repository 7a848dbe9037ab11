package io.isoscope.app.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HumanSizeTest {

    @ParameterizedTest(name = "{0} bytes is {1}")
    @CsvSource({"0, 0B", "512, 512B", "999, 999B", "1000, 1kB", "1234, 1.23kB", "123456, 123kB",
            "1000000, 1MB", "4264000, 4.26MB", "1500000000, 1.5GB"})
    void decimalUnitsWithThreeSignificantDigits(long bytes, String expected) {
        assertThat(HumanSize.format(bytes)).isEqualTo(expected);
    }
}
