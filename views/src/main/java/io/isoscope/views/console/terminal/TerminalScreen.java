package io.isoscope.views.console.terminal;

import java.util.BitSet;

/**
 * What a terminal shows: the main screen with its scrollback, the alternate screen full-screen programs use, the
 * cursor, the current style, the scroll region, tab stops and the modes programs set. The {@link TerminalEmulator}
 * changes it; views read it. Lines have numbers that stay with them as they scroll into the scrollback (see
 * {@link #lineAt(long)}). Not thread-safe: confined to the UI thread.
 */
public final class TerminalScreen {

    private static final char ASCII = 'B';
    private static final char DEC_GRAPHICS = '0';
    /** DEC special graphics for 0x5f–0x7e, as xterm draws them (line drawing, symbols). */
    private static final String GRAPHICS = " ◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·";

    private final Scrollback scrollback;
    private int columns;
    private int rows;
    private TerminalLine[] main;
    private TerminalLine[] alternate;
    private boolean onAlternate;

    private int row;
    private int column;
    /** The cursor is past the last column: the next character wraps first (DEC's "last column flag"). */
    private boolean wrapPending;
    private TextStyle style = TextStyle.DEFAULT;
    private int top;
    private int bottom;
    private final BitSet tabStops = new BitSet();

    private boolean autoWrap = true;
    private boolean cursorVisible = true;
    private boolean applicationCursorKeys;
    private boolean bracketedPaste;
    private boolean originMode;
    private boolean insertMode;
    private final char[] charsets = {ASCII, ASCII};
    private int shifted;
    private Saved savedMain;
    private Saved savedAlternate;
    private int lastPrinted = -1;
    private long bells;

    /** What DECSC saves. */
    private record Saved(int row, int column, TextStyle style, boolean originMode, boolean wrapPending,
                         char g0, char g1, int shifted) {
    }

    /** A blank screen of {@code columns} × {@code rows} keeping up to {@code scrollbackLines} lines of history. */
    public TerminalScreen(int columns, int rows, int scrollbackLines) {
        this.columns = Math.max(1, columns);
        this.rows = Math.max(1, rows);
        this.scrollback = new Scrollback(scrollbackLines);
        main = blankLines(this.rows);
        alternate = blankLines(this.rows);
        bottom = this.rows - 1;
        resetTabs();
    }

    // ---- reading ----

    /** Width in cells. */
    public int columns() {
        return columns;
    }

    /** Height in cells. */
    public int rows() {
        return rows;
    }

    /** The cursor's row on the screen, 0 at the top. */
    public int cursorRow() {
        return row;
    }

    /** The cursor's column, 0 at the left. */
    public int cursorColumn() {
        return column;
    }

    /** Whether the program wants the cursor shown (DECTCEM, {@code ?25}). */
    public boolean cursorVisible() {
        return cursorVisible;
    }

    /** Whether the alternate screen is shown (a full-screen program such as vi or top runs). */
    public boolean alternateScreen() {
        return onAlternate;
    }

    /** Whether arrow keys are to be sent in application mode (DECCKM, {@code ?1}): ESC O A instead of ESC [ A. */
    public boolean applicationCursorKeys() {
        return applicationCursorKeys;
    }

    /** Whether pasted text is to be bracketed (ESC [200~ … ESC [201~, {@code ?2004}). */
    public boolean bracketedPaste() {
        return bracketedPaste;
    }

    /** How many times BEL rang. */
    public long bells() {
        return bells;
    }

    /** Screen row {@code screenRow} of the screen shown. */
    public TerminalLine line(int screenRow) {
        return lines()[screenRow];
    }

    /** The text of screen row {@code screenRow}, trailing blanks removed. */
    public String lineText(int screenRow) {
        return line(screenRow).text();
    }

    /** The text of the screen shown, one line per row, trailing blanks removed. */
    public String screenText() {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                s.append('\n');
            }
            s.append(lineText(r));
        }
        return s.toString();
    }

    /** Lines in the scrollback (the main screen's history above its first row). */
    public int scrollbackSize() {
        return scrollback.size();
    }

    /** The number of the oldest line still kept. */
    public long firstLineNumber() {
        return scrollback.dropped();
    }

    /** The number of the screen's first row; scrollback lines are numbered just before it. */
    public long screenLineNumber() {
        return scrollback.dropped() + scrollback.size();
    }

    /** Line {@code number} (scrollback or screen), or {@code null} when it is no longer kept or not there yet. */
    public TerminalLine lineAt(long number) {
        long first = scrollback.dropped();
        long screen = first + scrollback.size();
        if (number < first || number >= screen + rows) {
            return null;
        }
        return number < screen ? scrollback.get((int) (number - first)) : lines()[(int) (number - screen)];
    }

    /**
     * The text from (line, column) to (line, column), either order, end column exclusive, as copied: lines joined
     * by newlines except where the text was wrapped, trailing blanks removed.
     */
    public String textBetween(long fromLine, int fromColumn, long toLine, int toColumn) {
        if (fromLine > toLine || (fromLine == toLine && fromColumn > toColumn)) {
            return textBetween(toLine, toColumn, fromLine, fromColumn);
        }
        StringBuilder s = new StringBuilder();
        for (long n = fromLine; n <= toLine; n++) {
            TerminalLine line = lineAt(n);
            if (line == null) {
                continue;
            }
            int from = n == fromLine ? fromColumn : 0;
            int to = n == toLine ? toColumn : line.columns();
            boolean joined = line.wrapped() && n < toLine;
            s.append(line.text(from, to, !joined));
            if (n < toLine && !joined) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    // ---- writing (the emulator's operations) ----

    /** Writes a printable character at the cursor and moves on, wrapping at the right edge when auto-wrap is on. */
    void print(int codePoint) {
        int width = CharWidth.of(codePoint);
        if (width == 0) {
            return; // combining marks and zero-width characters are not drawn
        }
        int cp = codePoint;
        if (charsets[shifted] == DEC_GRAPHICS && cp >= 0x5f && cp <= 0x7e) {
            cp = GRAPHICS.charAt(cp - 0x5f);
        }
        if (width == 2 && columns < 2) {
            width = 1;
        }
        if (wrapPending) {
            wrap();
        }
        if (width == 2 && column == columns - 1) {
            if (autoWrap) {
                lines()[row].clear(column, columns, style.erased());
                wrap();
            } else {
                column = columns - 2;
            }
        }
        TerminalLine line = lines()[row];
        if (insertMode) {
            line.insert(column, width, style.erased());
        }
        line.set(column, cp, style);
        if (width == 2) {
            line.set(column + 1, TerminalLine.WIDE_TAIL, style);
        }
        lastPrinted = cp;
        column += width;
        if (column >= columns) {
            column = columns - 1;
            wrapPending = autoWrap;
        }
    }

    /** REP: prints the last printed character {@code count} more times. */
    void repeatLast(int count) {
        if (lastPrinted < 0) {
            return;
        }
        int n = Math.min(count, columns * rows);
        for (int i = 0; i < n; i++) {
            print(lastPrinted);
        }
    }

    void bell() {
        bells++;
    }

    void carriageReturn() {
        column = 0;
        wrapPending = false;
    }

    /** LF (also VT, FF, IND): down one row, scrolling the region at its bottom. */
    void lineFeed() {
        wrapPending = false;
        if (row == bottom) {
            scrollUp(top, bottom, 1, true);
        } else if (row < rows - 1) {
            row++;
        }
    }

    /** RI: up one row, scrolling the region down at its top. */
    void reverseIndex() {
        wrapPending = false;
        if (row == top) {
            scrollDown(top, bottom, 1);
        } else if (row > 0) {
            row--;
        }
    }

    void backspace() {
        wrapPending = false;
        if (column > 0) {
            column--;
        }
    }

    /** HT / CHT: to the next tab stop, {@code count} times; the last column when none is left. */
    void tab(int count) {
        for (int i = 0; i < count && column < columns - 1; i++) {
            int next = tabStops.nextSetBit(column + 1);
            column = next < 0 || next >= columns ? columns - 1 : next;
        }
    }

    /** CBT: back to the previous tab stop, {@code count} times. */
    void backTab(int count) {
        wrapPending = false;
        for (int i = 0; i < count && column > 0; i++) {
            int previous = tabStops.previousSetBit(column - 1);
            column = Math.max(previous, 0);
        }
    }

    /** HTS: a tab stop at the cursor. */
    void setTabStop() {
        tabStops.set(column);
    }

    /** TBC: 0 clears the stop at the cursor, 3 all of them. */
    void clearTabStops(int mode) {
        if (mode == 0) {
            tabStops.clear(column);
        } else if (mode == 3) {
            tabStops.clear();
        }
    }

    void cursorUp(int count) {
        int limit = row >= top ? top : 0;
        row = Math.max(limit, row - count);
        wrapPending = false;
    }

    void cursorDown(int count) {
        int limit = row <= bottom ? bottom : rows - 1;
        row = Math.min(limit, row + count);
        wrapPending = false;
    }

    void cursorForward(int count) {
        column = Math.min(columns - 1, column + count);
        wrapPending = false;
    }

    void cursorBackward(int count) {
        column = Math.max(0, column - count);
        wrapPending = false;
    }

    /** CUP: to {@code r}, {@code c} (0-based; rows within the scroll region in origin mode), clamped. */
    void cursorTo(int r, int c) {
        row = originMode ? clamp(top + r, top, bottom) : clamp(r, 0, rows - 1);
        column = clamp(c, 0, columns - 1);
        wrapPending = false;
    }

    /** CHA / HPA: to column {@code c} (0-based) on this row. */
    void cursorToColumn(int c) {
        column = clamp(c, 0, columns - 1);
        wrapPending = false;
    }

    /** VPA: to row {@code r} (0-based, origin-relative), same column. */
    void cursorToRow(int r) {
        cursorTo(r, column);
    }

    /** The cursor's row as CPR reports it: 1-based, relative to the scroll region's top in origin mode. */
    int reportedRow() {
        return (originMode ? row - top : row) + 1;
    }

    /** ED: 0 from the cursor to the end, 1 from the start to the cursor, 2 the whole screen, 3 the scrollback. */
    void eraseInDisplay(int mode) {
        TextStyle blank = style.erased();
        TerminalLine[] lines = lines();
        switch (mode) {
            case 0 -> {
                lines[row].clear(column, columns, blank);
                lines[row].setWrapped(false);
                for (int r = row + 1; r < rows; r++) {
                    clearLine(lines[r], blank);
                }
            }
            case 1 -> {
                for (int r = 0; r < row; r++) {
                    clearLine(lines[r], blank);
                }
                lines[row].clear(0, column + 1, blank);
            }
            case 2 -> {
                for (TerminalLine line : lines) {
                    clearLine(line, blank);
                }
            }
            case 3 -> scrollback.clear();
            default -> {
                // other modes do not exist: ignored
            }
        }
    }

    /** EL: 0 from the cursor to the end of the line, 1 from its start to the cursor, 2 all of it. */
    void eraseInLine(int mode) {
        TextStyle blank = style.erased();
        TerminalLine line = lines()[row];
        switch (mode) {
            case 0 -> {
                line.clear(column, columns, blank);
                line.setWrapped(false);
            }
            case 1 -> line.clear(0, column + 1, blank);
            case 2 -> clearLine(line, blank);
            default -> {
                // ignored
            }
        }
    }

    /** ECH: blanks {@code count} cells from the cursor. */
    void eraseCharacters(int count) {
        lines()[row].clear(column, column + count, style.erased());
        wrapPending = false;
    }

    /** ICH. */
    void insertCharacters(int count) {
        lines()[row].insert(column, count, style.erased());
        wrapPending = false;
    }

    /** DCH. */
    void deleteCharacters(int count) {
        lines()[row].delete(column, count, style.erased());
        wrapPending = false;
    }

    /** IL: inserts blank lines at the cursor's row, within the scroll region. */
    void insertLines(int count) {
        if (row < top || row > bottom) {
            return;
        }
        scrollDown(row, bottom, count);
        column = 0;
        wrapPending = false;
    }

    /** DL: deletes lines at the cursor's row, within the scroll region (they do not go to the scrollback). */
    void deleteLines(int count) {
        if (row < top || row > bottom) {
            return;
        }
        scrollUp(row, bottom, count, false);
        column = 0;
        wrapPending = false;
    }

    /** SU: scrolls the region up. */
    void scrollUpLines(int count) {
        scrollUp(top, bottom, count, true);
    }

    /** SD: scrolls the region down. */
    void scrollDownLines(int count) {
        scrollDown(top, bottom, count);
    }

    /** DECSTBM: rows {@code first}..{@code last}, 1-based, 0 for the screen's edge; then the cursor goes home. */
    void setScrollRegion(int first, int last) {
        int t = first <= 0 ? 0 : first - 1;
        int b = last <= 0 ? rows - 1 : Math.min(last - 1, rows - 1);
        if (t < b) {
            top = t;
            bottom = b;
            cursorTo(0, 0);
        }
    }

    /** DECSC. */
    void saveCursor() {
        Saved saved = new Saved(row, column, style, originMode, wrapPending, charsets[0], charsets[1], shifted);
        if (onAlternate) {
            savedAlternate = saved;
        } else {
            savedMain = saved;
        }
    }

    /** DECRC: what DECSC saved, or home with the default style when nothing was saved. */
    void restoreCursor() {
        Saved saved = onAlternate ? savedAlternate : savedMain;
        if (saved == null) {
            saved = new Saved(0, 0, TextStyle.DEFAULT, false, false, ASCII, ASCII, 0);
        }
        row = clamp(saved.row(), 0, rows - 1);
        column = clamp(saved.column(), 0, columns - 1);
        style = saved.style();
        originMode = saved.originMode();
        wrapPending = saved.wrapPending() && column == columns - 1;
        charsets[0] = saved.g0();
        charsets[1] = saved.g1();
        shifted = saved.shifted();
    }

    /**
     * Switches between the main and the alternate screen ({@code ?47}, {@code ?1047}, {@code ?1049}); the
     * alternate screen has no scrollback. {@code clear} blanks the alternate screen on the way in.
     */
    void useAlternateScreen(boolean on, boolean clear) {
        if (on == onAlternate) {
            return;
        }
        onAlternate = on;
        if (on && clear) {
            for (TerminalLine line : alternate) {
                clearLine(line, TextStyle.DEFAULT);
            }
        }
        wrapPending = false;
    }

    void setStyle(TextStyle newStyle) {
        style = newStyle;
    }

    /** The style new text is written in. */
    public TextStyle style() {
        return style;
    }

    void setAutoWrap(boolean on) {
        autoWrap = on;
        if (!on) {
            wrapPending = false;
        }
    }

    void setCursorVisible(boolean on) {
        cursorVisible = on;
    }

    void setApplicationCursorKeys(boolean on) {
        applicationCursorKeys = on;
    }

    void setBracketedPaste(boolean on) {
        bracketedPaste = on;
    }

    void setOriginMode(boolean on) {
        originMode = on;
        cursorTo(0, 0);
    }

    void setInsertMode(boolean on) {
        insertMode = on;
    }

    /** SCS: character set {@code id} ('0' DEC graphics, anything else ASCII) as G0 or G1. */
    void designateCharset(int g, char id) {
        charsets[g] = id == DEC_GRAPHICS ? DEC_GRAPHICS : ASCII;
    }

    /** SO / SI: use G1 or G0. */
    void shift(int g) {
        shifted = g;
    }

    /** DECSTR: modes and style back to their defaults; the text stays. */
    void softReset() {
        style = TextStyle.DEFAULT;
        autoWrap = true;
        cursorVisible = true;
        applicationCursorKeys = false;
        bracketedPaste = false;
        originMode = false;
        insertMode = false;
        charsets[0] = ASCII;
        charsets[1] = ASCII;
        shifted = 0;
        top = 0;
        bottom = rows - 1;
        savedMain = null;
        savedAlternate = null;
        wrapPending = false;
    }

    /** RIS: a blank main screen, defaults everywhere; {@code clearScrollback} forgets the history too. */
    void reset(boolean clearScrollback) {
        softReset();
        onAlternate = false;
        main = blankLines(rows);
        alternate = blankLines(rows);
        row = 0;
        column = 0;
        lastPrinted = -1;
        resetTabs();
        if (clearScrollback) {
            scrollback.clear();
        }
    }

    /**
     * Changes the size. Lines are cut or padded on the right (not re-wrapped); when rows go, lines above the
     * cursor move into the scrollback so the cursor's line stays, then blank rows below are dropped.
     */
    void resize(int newColumns, int newRows) {
        int c = Math.max(1, newColumns);
        int r = Math.max(1, newRows);
        if (c == columns && r == rows) {
            return;
        }
        int mainAnchor = onAlternate ? (savedMain == null ? rows - 1 : savedMain.row()) : row;
        int altAnchor = onAlternate ? row : 0;
        int mainShift = Math.max(0, mainAnchor - r + 1);
        int altShift = Math.max(0, altAnchor - r + 1);
        main = resized(main, c, r, mainShift, true);
        alternate = resized(alternate, c, r, altShift, false);
        row = clamp(row - (onAlternate ? altShift : mainShift), 0, r - 1);
        if (savedMain != null && onAlternate) {
            savedMain = new Saved(Math.max(0, savedMain.row() - mainShift), savedMain.column(), savedMain.style(),
                    savedMain.originMode(), false, savedMain.g0(), savedMain.g1(), savedMain.shifted());
        }
        columns = c;
        rows = r;
        column = clamp(column, 0, c - 1);
        top = 0;
        bottom = r - 1;
        wrapPending = false;
        resetTabs();
    }

    // ---- internals ----

    private TerminalLine[] lines() {
        return onAlternate ? alternate : main;
    }

    private TerminalLine[] blankLines(int count) {
        TerminalLine[] lines = new TerminalLine[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new TerminalLine(columns, TextStyle.DEFAULT);
        }
        return lines;
    }

    private TerminalLine[] resized(TerminalLine[] old, int c, int r, int shift, boolean toScrollback) {
        for (int i = 0; i < shift && i < old.length; i++) {
            if (toScrollback) {
                scrollback.add(old[i]);
            }
        }
        TerminalLine[] lines = new TerminalLine[r];
        for (int i = 0; i < r; i++) {
            int from = i + shift;
            if (from < old.length) {
                lines[i] = old[from];
                lines[i].resize(c, TextStyle.DEFAULT);
            } else {
                lines[i] = new TerminalLine(c, TextStyle.DEFAULT);
            }
        }
        return lines;
    }

    /** Moves the text to the next line after a character filled the last column. */
    private void wrap() {
        wrapPending = false;
        if (!autoWrap) {
            return;
        }
        lines()[row].setWrapped(true);
        column = 0;
        lineFeed();
    }

    /** Rows {@code first}..{@code last} move up {@code count}; lines leaving the screen's top keep in the history. */
    private void scrollUp(int first, int last, int count, boolean keep) {
        int n = Math.min(count, last - first + 1);
        if (n <= 0) {
            return;
        }
        TerminalLine[] lines = lines();
        boolean toHistory = keep && !onAlternate && first == 0;
        for (int i = 0; i < n; i++) {
            if (toHistory) {
                scrollback.add(lines[first + i]);
            }
        }
        System.arraycopy(lines, first + n, lines, first, last - first + 1 - n);
        for (int i = last - n + 1; i <= last; i++) {
            lines[i] = new TerminalLine(columns, style.erased());
        }
    }

    private void scrollDown(int first, int last, int count) {
        int n = Math.min(count, last - first + 1);
        if (n <= 0) {
            return;
        }
        TerminalLine[] lines = lines();
        System.arraycopy(lines, first, lines, first + n, last - first + 1 - n);
        for (int i = first; i < first + n; i++) {
            lines[i] = new TerminalLine(columns, style.erased());
        }
    }

    private void clearLine(TerminalLine line, TextStyle blank) {
        line.clear(0, line.columns(), blank);
        line.setWrapped(false);
    }

    private void resetTabs() {
        tabStops.clear();
        for (int c = 8; c < Math.max(columns, 8); c += 8) {
            tabStops.set(c);
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
