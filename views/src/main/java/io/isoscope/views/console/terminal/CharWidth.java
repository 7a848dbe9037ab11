package io.isoscope.views.console.terminal;

/**
 * How many cells a code point takes, as wcwidth(3) answers for the common cases: 0 for combining marks and
 * zero-width format characters (they are not drawn), 2 for East Asian wide characters and emoji, 1 otherwise.
 * Stateless, thread-safe.
 */
final class CharWidth {

    /** Inclusive ranges of wide code points, ascending. */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x2329, 0x232A}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
        {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };

    private CharWidth() {
    }

    /** The cells {@code codePoint} takes: 0, 1 or 2. */
    static int of(int codePoint) {
        if (codePoint < 0x300) {
            return 1; // ASCII and Latin-1: the fast path
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || (type == Character.FORMAT && codePoint != 0x00AD)) {
            return 0;
        }
        for (int[] range : WIDE) {
            if (codePoint < range[0]) {
                return 1;
            }
            if (codePoint <= range[1]) {
                return 2;
            }
        }
        return 1;
    }
}
