package io.isoscope.views.console.terminal;

import java.util.Arrays;

/**
 * One line of cells: a code point and a {@link TextStyle} per column, and whether the text runs on into the next
 * line (an automatic wrap, so copying joins them). The right half of a wide character holds {@link #WIDE_TAIL}.
 * Mutable; confined to the thread that owns its {@link TerminalScreen}.
 */
public final class TerminalLine {

    /** The cell after a wide (two-column) character: drawn by that character, holds no text of its own. */
    public static final int WIDE_TAIL = -1;
    private static final int BLANK = ' ';

    private int[] chars;
    private TextStyle[] styles;
    private boolean wrapped;

    /** A blank line of {@code columns} cells in {@code style}. */
    TerminalLine(int columns, TextStyle style) {
        chars = new int[columns];
        styles = new TextStyle[columns];
        Arrays.fill(chars, BLANK);
        Arrays.fill(styles, style);
    }

    /** How many cells the line has (lines kept in the scrollback keep the width they were written at). */
    public int columns() {
        return chars.length;
    }

    /** The code point in {@code column}, a space when blank, {@link #WIDE_TAIL} after a wide character. */
    public int charAt(int column) {
        return chars[column];
    }

    /** The style of {@code column}. */
    public TextStyle styleAt(int column) {
        return styles[column];
    }

    /** Whether the text continues on the next line because it was wrapped there, not ended by a newline. */
    public boolean wrapped() {
        return wrapped;
    }

    void setWrapped(boolean on) {
        wrapped = on;
    }

    /** The line's text with trailing blanks removed. */
    public String text() {
        return text(0, chars.length, true);
    }

    /** The text of columns {@code [from, to)}; trailing blanks removed when {@code trim}. */
    public String text(int from, int to, boolean trim) {
        StringBuilder s = new StringBuilder();
        for (int c = Math.max(0, from); c < Math.min(to, chars.length); c++) {
            if (chars[c] != WIDE_TAIL) {
                s.appendCodePoint(chars[c]);
            }
        }
        if (trim) {
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == BLANK) {
                end--;
            }
            s.setLength(end);
        }
        return s.toString();
    }

    /** Writes one cell; a wide character half-overwritten loses its other half, as in xterm. */
    void set(int column, int codePoint, TextStyle style) {
        if (chars[column] == WIDE_TAIL && column > 0) {
            chars[column - 1] = BLANK;
        }
        if (column + 1 < chars.length && chars[column + 1] == WIDE_TAIL && codePoint != WIDE_TAIL) {
            chars[column + 1] = BLANK;
        }
        chars[column] = codePoint;
        styles[column] = style;
    }

    /** Blanks columns {@code [from, to)} in {@code style}. */
    void clear(int from, int to, TextStyle style) {
        int a = Math.max(0, from);
        int b = Math.min(to, chars.length);
        if (a >= b) {
            return;
        }
        if (chars[a] == WIDE_TAIL && a > 0) {
            chars[a - 1] = BLANK;
        }
        if (b < chars.length && chars[b] == WIDE_TAIL) {
            chars[b] = BLANK;
        }
        Arrays.fill(chars, a, b, BLANK);
        Arrays.fill(styles, a, b, style);
    }

    /** Inserts {@code count} blanks at {@code column}, pushing the rest right; what passes the end is lost. */
    void insert(int column, int count, TextStyle style) {
        int n = Math.min(count, chars.length - column);
        if (n <= 0) {
            return;
        }
        System.arraycopy(chars, column, chars, column + n, chars.length - column - n);
        System.arraycopy(styles, column, styles, column + n, styles.length - column - n);
        clear(column, column + n, style);
    }

    /** Deletes {@code count} cells at {@code column}, pulling the rest left and blanking the end. */
    void delete(int column, int count, TextStyle style) {
        int n = Math.min(count, chars.length - column);
        if (n <= 0) {
            return;
        }
        System.arraycopy(chars, column + n, chars, column, chars.length - column - n);
        System.arraycopy(styles, column + n, styles, column, styles.length - column - n);
        Arrays.fill(chars, chars.length - n, chars.length, BLANK);
        Arrays.fill(styles, styles.length - n, styles.length, style);
        if (chars[column] == WIDE_TAIL) {
            chars[column] = BLANK;
        }
    }

    /** Makes the line {@code columns} wide: cut on the right, or padded with blanks in {@code style}. */
    void resize(int columns, TextStyle style) {
        int old = chars.length;
        if (columns == old) {
            return;
        }
        chars = Arrays.copyOf(chars, columns);
        styles = Arrays.copyOf(styles, columns);
        if (columns > old) {
            Arrays.fill(chars, old, columns, BLANK);
            Arrays.fill(styles, old, columns, style);
        } else if (columns > 0 && chars[columns - 1] != WIDE_TAIL && old > columns && isWideHead(columns - 1)) {
            chars[columns - 1] = BLANK; // its right half was cut off
        }
    }

    private boolean isWideHead(int column) {
        return CharWidth.of(chars[column]) == 2;
    }
}
