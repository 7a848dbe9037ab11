package io.isoscope.app.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Docker's image size text (go-units {@code HumanSizeWithPrecision(size, 3)}): decimal units, 3 significant digits. Stateless, thread-safe. */
final class HumanSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanSize() {
    }

    /** E.g. "1MB", "4.26MB", "123kB", "512B". */
    static String format(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(3, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString() + UNITS[unit];
    }
}
