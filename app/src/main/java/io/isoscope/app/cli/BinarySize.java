package io.isoscope.app.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Docker's memory text in {@code docker stats} (go-units {@code BytesSize}: {@code "%.4g%s"} over binary units).
 * Stateless, thread-safe.
 */
final class BinarySize {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private BinarySize() {
    }

    /** E.g. "1.102MiB", "64MiB", "512B": four significant digits, no trailing zeros. */
    static String format(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(4, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString() + UNITS[unit];
    }
}
