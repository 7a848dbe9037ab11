package io.isoscope.views.console;

import io.isoscope.views.common.Clipboards;
import io.isoscope.views.console.terminal.TermColor;
import io.isoscope.views.console.terminal.TerminalKey;
import io.isoscope.views.console.terminal.TerminalKeys;
import io.isoscope.views.console.terminal.TerminalLine;
import io.isoscope.views.console.terminal.TerminalScreen;
import io.isoscope.views.console.terminal.TextStyle;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A terminal drawn on a {@link Canvas} in a monospaced font: shows a {@link TerminalScreen} (with its scrollback
 * under the mouse wheel or Shift+PgUp/PgDn), turns keys into the bytes xterm sends, selects with the mouse, copies
 * with Ctrl+Shift+C and pastes with Ctrl+Shift+V. Its size in cells follows its size in pixels and is reported to
 * {@link #setOnResize}. It only reads the screen; what it sends goes to {@link #setOnInput}. FX thread only.
 */
public final class TerminalCanvas extends Region {

    private static final double PADDING = 6;
    private static final double FONT_SIZE = 13;
    private static final int DEFAULT_FOREGROUND = 0xe2e8f0;
    private static final int DEFAULT_BACKGROUND = 0x0f172a;
    private static final Color SELECTION = Color.rgb(96, 165, 250, 0.40);
    private static final int WHEEL_LINES = 3;
    private static final Map<KeyCode, TerminalKey> KEYS = keys();

    private final Canvas canvas = new Canvas();
    private final Font font = Font.font("Monospaced", FONT_SIZE);
    private final Font boldFont = Font.font("Monospaced", FontWeight.BOLD, FONT_SIZE);
    private final double cellWidth;
    private final double cellHeight;
    private final double baseline;
    private final Map<Integer, Color> colors = new HashMap<>();
    private final ContextMenu menu = new ContextMenu();

    private TerminalScreen screen;
    private Consumer<byte[]> onInput = bytes -> { };
    private Consumer<String> onPaste = text -> { };
    private BiConsumer<Integer, Integer> onResize = (columns, rows) -> { };
    private int columns;
    private int rows;
    /** The number of the first line shown while scrolled back; {@code null} follows the output. */
    private Long pinnedTop;
    /** Selection anchor and end as {line, column boundary}, or {@code null}. */
    private long[] selection;

    /** An empty terminal; give it a screen with {@link #setScreen}. */
    public TerminalCanvas() {
        Text probe = new Text("0123456789".repeat(4));
        probe.setFont(font);
        cellWidth = probe.getLayoutBounds().getWidth() / 40;
        cellHeight = Math.ceil(probe.getLayoutBounds().getHeight());
        baseline = probe.getBaselineOffset();
        getChildren().add(canvas);
        getStyleClass().add("terminal");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TEXT_AREA);
        setAccessibleRoleDescription("terminal");

        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        focusedProperty().addListener(obs -> redraw());

        MenuItem copy = new MenuItem("Copy");
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN));
        copy.setOnAction(e -> copySelection());
        MenuItem paste = new MenuItem("Paste");
        paste.setAccelerator(new KeyCodeCombination(KeyCode.V, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN));
        paste.setOnAction(e -> pasteClipboard());
        menu.getItems().addAll(copy, paste);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
    }

    /** The screen to show. */
    public void setScreen(TerminalScreen newScreen) {
        screen = newScreen;
        pinnedTop = null;
        selection = null;
        redraw();
    }

    /** Where typed bytes go. */
    public void setOnInput(Consumer<byte[]> handler) {
        onInput = handler;
    }

    /** Where pasted text goes (the receiver encodes it as the program wants it). */
    public void setOnPaste(Consumer<String> handler) {
        onPaste = handler;
    }

    /** Told the size in cells (columns, rows) whenever it changes. */
    public void setOnResize(BiConsumer<Integer, Integer> handler) {
        onResize = handler;
    }

    /** Width in cells. */
    public int columns() {
        return columns;
    }

    /** Height in cells. */
    public int rows() {
        return rows;
    }

    /** The text shown now, one line per row, trailing blanks removed (what a screen reader or a test reads). */
    public String visibleText() {
        StringBuilder s = new StringBuilder();
        if (screen == null) {
            return "";
        }
        long top = topLine();
        for (int v = 0; v < rows; v++) {
            TerminalLine line = screen.lineAt(top + v);
            if (v > 0) {
                s.append('\n');
            }
            if (line != null) {
                s.append(line.text());
            }
        }
        return s.toString();
    }

    /** The selected text, or empty. */
    public String selectedText() {
        if (screen == null || selection == null) {
            return "";
        }
        return screen.textBetween(selection[0], (int) selection[1], selection[2], (int) selection[3]);
    }

    /** Draws the screen again (after it changed). */
    public void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(color(DEFAULT_BACKGROUND));
        g.fillRect(0, 0, w, h);
        if (screen == null || w <= 0 || h <= 0) {
            return;
        }
        long top = topLine();
        for (int v = 0; v < rows; v++) {
            TerminalLine line = screen.lineAt(top + v);
            if (line != null) {
                drawLine(g, line, top + v, PADDING + v * cellHeight);
            }
        }
        drawCursor(g, top);
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        canvas.setWidth(w);
        canvas.setHeight(h);
        if (w > 2 * PADDING + cellWidth && h > 2 * PADDING + cellHeight) {
            int c = (int) ((w - 2 * PADDING) / cellWidth);
            int r = (int) ((h - 2 * PADDING) / cellHeight);
            if (c != columns || r != rows) {
                columns = c;
                rows = r;
                onResize.accept(c, r);
            }
        }
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 2 * PADDING + 80 * cellWidth;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 2 * PADDING + 12 * cellHeight;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 2 * PADDING + 10 * cellWidth;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 2 * PADDING + 2 * cellHeight;
    }

    // ---- drawing ----

    private void drawLine(GraphicsContext g, TerminalLine line, long number, double y) {
        int n = Math.min(columns, line.columns());
        int c = 0;
        while (c < n) {
            TextStyle style = line.styleAt(c);
            int end = c + 1;
            while (end < n && line.styleAt(end).equals(style)) {
                end++;
            }
            int[] fgBg = colours(style);
            if (fgBg[1] != DEFAULT_BACKGROUND) {
                g.setFill(color(fgBg[1]));
                g.fillRect(x(c), y, x(end) - x(c), cellHeight);
            }
            g.setFill(color(fgBg[0]));
            g.setFont(style.bold() ? boldFont : font);
            drawText(g, line, c, end, y + baseline);
            if (style.underline()) {
                g.fillRect(x(c), y + baseline + 1.5, x(end) - x(c), 1);
            }
            c = end;
        }
        drawSelection(g, number, y);
    }

    /** ASCII runs in one call (the font is monospaced); anything else cell by cell, so it lands on its cell. */
    private void drawText(GraphicsContext g, TerminalLine line, int from, int to, double y) {
        StringBuilder run = new StringBuilder();
        int runStart = from;
        for (int i = from; i < to; i++) {
            int cp = line.charAt(i);
            if (cp > 0x20 && cp < 0x7f) {
                if (run.isEmpty()) {
                    runStart = i;
                }
                run.append((char) cp);
                continue;
            }
            if (cp == ' ' && !run.isEmpty()) {
                run.append(' ');
                continue;
            }
            flush(g, run, runStart, y);
            if (cp != TerminalLine.WIDE_TAIL && cp != ' ') {
                g.fillText(new String(Character.toChars(cp)), x(i), y);
            }
        }
        flush(g, run, runStart, y);
    }

    private void flush(GraphicsContext g, StringBuilder run, int start, double y) {
        if (!run.isEmpty()) {
            g.fillText(run.toString(), x(start), y);
            run.setLength(0);
        }
    }

    private void drawSelection(GraphicsContext g, long number, double y) {
        if (selection == null) {
            return;
        }
        long[] s = ordered();
        if (number < s[0] || number > s[2]) {
            return;
        }
        int from = number == s[0] ? (int) s[1] : 0;
        int to = number == s[2] ? (int) s[3] : columns;
        if (to > from) {
            g.setFill(SELECTION);
            g.fillRect(x(from), y, x(to) - x(from), cellHeight);
        }
    }

    private void drawCursor(GraphicsContext g, long top) {
        if (!screen.cursorVisible() || top != screen.screenLineNumber()) {
            return; // hidden by the program, or scrolled out of view
        }
        int r = screen.cursorRow();
        int c = screen.cursorColumn();
        if (r >= rows || c >= columns) {
            return;
        }
        double y = PADDING + r * cellHeight;
        TerminalLine line = screen.line(r);
        TextStyle style = line.styleAt(c);
        int[] fgBg = colours(style);
        if (isFocused()) {
            g.setFill(color(fgBg[0]));
            g.fillRect(x(c), y, cellWidth, cellHeight);
            int cp = line.charAt(c);
            if (cp > 0x20 && cp != TerminalLine.WIDE_TAIL) {
                g.setFill(color(fgBg[1]));
                g.setFont(style.bold() ? boldFont : font);
                g.fillText(new String(Character.toChars(cp)), x(c), y + baseline);
            }
        } else {
            g.setStroke(color(fgBg[0]));
            g.setLineWidth(1);
            g.strokeRect(x(c) + 0.5, y + 0.5, cellWidth - 1, cellHeight - 1);
        }
    }

    /** {foreground, background} as 0xRRGGBB: bold brightens the 8 normal colours, reverse swaps. */
    private static int[] colours(TextStyle style) {
        int fg = TermColor.toRgb(style.bold() ? TermColor.brightened(style.foreground()) : style.foreground(),
                DEFAULT_FOREGROUND);
        int bg = TermColor.toRgb(style.background(), DEFAULT_BACKGROUND);
        return style.reverse() ? new int[] {bg, fg} : new int[] {fg, bg};
    }

    private Color color(int rgb) {
        return colors.computeIfAbsent(rgb, v -> Color.rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff));
    }

    private double x(int column) {
        return PADDING + Math.round(column * cellWidth * 2) / 2.0;
    }

    // ---- scrolling ----

    private long topLine() {
        long bottom = screen.screenLineNumber();
        if (pinnedTop == null || screen.alternateScreen()) {
            return bottom;
        }
        long top = Math.max(screen.firstLineNumber(), pinnedTop);
        if (top >= bottom) {
            pinnedTop = null;
            return bottom;
        }
        return top;
    }

    private void scrollBy(long lines) {
        if (screen == null || screen.alternateScreen()) {
            return;
        }
        long bottom = screen.screenLineNumber();
        long top = Math.max(screen.firstLineNumber(), Math.min(bottom, topLine() + lines));
        pinnedTop = top >= bottom ? null : top;
        redraw();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            scrollBy(e.getDeltaY() > 0 ? -WHEEL_LINES : WHEEL_LINES);
            e.consume();
        }
    }

    // ---- mouse selection ----

    private void pressed(MouseEvent e) {
        requestFocus();
        e.consume(); // or the tab pane around takes the focus back as the press bubbles up to it
        if (e.getButton() != MouseButton.PRIMARY || screen == null) {
            return;
        }
        long[] at = cellAt(e.getX(), e.getY());
        if (e.getClickCount() == 2) {
            selectWord(at[0], (int) Math.min(at[1], columns - 1));
        } else {
            selection = new long[] {at[0], at[1], at[0], at[1]};
        }
        redraw();
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && selection != null) {
            long[] at = cellAt(e.getX(), e.getY());
            selection[2] = at[0];
            selection[3] = at[1];
            redraw();
        }
    }

    /** {line number, column boundary} under a point (boundaries: a click left of a cell's middle selects it). */
    private long[] cellAt(double px, double py) {
        int row = (int) Math.max(0, Math.min(rows - 1, Math.floor((py - PADDING) / cellHeight)));
        int column = (int) Math.max(0, Math.min(columns, Math.round((px - PADDING) / cellWidth)));
        return new long[] {topLine() + row, column};
    }

    private void selectWord(long number, int column) {
        TerminalLine line = screen.lineAt(number);
        if (line == null || column >= line.columns() || line.charAt(column) == ' ') {
            selection = null;
            return;
        }
        int from = column;
        while (from > 0 && line.charAt(from - 1) != ' ') {
            from--;
        }
        int to = column;
        while (to < line.columns() && line.charAt(to) != ' ') {
            to++;
        }
        selection = new long[] {number, from, number, to};
    }

    private long[] ordered() {
        boolean forward = selection[0] < selection[2] || (selection[0] == selection[2] && selection[1] <= selection[3]);
        return forward ? selection : new long[] {selection[2], selection[3], selection[0], selection[1]};
    }

    private void copySelection() {
        String text = selectedText();
        if (!text.isEmpty()) {
            Clipboards.copy(text);
        }
    }

    private void pasteClipboard() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null && !text.isEmpty()) {
            followOutput();
            onPaste.accept(text);
        }
    }

    // ---- keyboard ----

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean ctrl = e.isControlDown();
        boolean shift = e.isShiftDown();
        boolean alt = e.isAltDown();
        if (ctrl && shift && (code == KeyCode.C || code == KeyCode.V)) {
            if (code == KeyCode.C) {
                copySelection();
            } else {
                pasteClipboard();
            }
            e.consume();
            return;
        }
        if (shift && !ctrl && (code == KeyCode.PAGE_UP || code == KeyCode.PAGE_DOWN)) {
            scrollBy(code == KeyCode.PAGE_UP ? -(rows - 1) : rows - 1);
            e.consume();
            return;
        }
        if (ctrl && code == KeyCode.TAB) {
            return; // Ctrl+Tab switches the window's tabs
        }
        TerminalKey key = KEYS.get(code);
        if (key != null && screen != null) {
            send(TerminalKeys.key(key, shift, alt, ctrl, screen.applicationCursorKeys()));
            e.consume();
            return;
        }
        if (ctrl && !alt && (code.isLetterKey() || code.isDigitKey() || code == KeyCode.SPACE
                || code == KeyCode.OPEN_BRACKET || code == KeyCode.BACK_SLASH || code == KeyCode.CLOSE_BRACKET
                || code == KeyCode.MINUS)) {
            int control = TerminalKeys.control(code == KeyCode.SPACE ? ' ' : code.getChar().charAt(0));
            if (control >= 0) {
                send(new byte[] {(byte) control});
                e.consume();
            }
        }
    }

    private void keyTyped(KeyEvent e) {
        String typed = e.getCharacter();
        if (typed.isEmpty() || typed.equals(KeyEvent.CHAR_UNDEFINED) || e.isMetaDown()) {
            return;
        }
        if (e.isControlDown() && !e.isAltDown()) {
            e.consume(); // sent as a control character when the key was pressed
            return;
        }
        StringBuilder text = new StringBuilder();
        typed.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).forEach(text::appendCodePoint);
        if (!text.isEmpty()) {
            // Enter, Tab, Backspace and Esc were sent as keys when pressed; only text is left here.
            send(TerminalKeys.text(text.toString(), e.isAltDown() && !e.isControlDown()));
            e.consume();
        }
    }

    private void send(byte[] bytes) {
        followOutput();
        onInput.accept(bytes);
    }

    private void followOutput() {
        if (pinnedTop != null) {
            pinnedTop = null;
            redraw();
        }
    }

    private static Map<KeyCode, TerminalKey> keys() {
        Map<KeyCode, TerminalKey> m = new EnumMap<>(KeyCode.class);
        m.put(KeyCode.ENTER, TerminalKey.ENTER);
        m.put(KeyCode.BACK_SPACE, TerminalKey.BACKSPACE);
        m.put(KeyCode.TAB, TerminalKey.TAB);
        m.put(KeyCode.ESCAPE, TerminalKey.ESCAPE);
        m.put(KeyCode.UP, TerminalKey.UP);
        m.put(KeyCode.DOWN, TerminalKey.DOWN);
        m.put(KeyCode.RIGHT, TerminalKey.RIGHT);
        m.put(KeyCode.LEFT, TerminalKey.LEFT);
        m.put(KeyCode.KP_UP, TerminalKey.UP);
        m.put(KeyCode.KP_DOWN, TerminalKey.DOWN);
        m.put(KeyCode.KP_RIGHT, TerminalKey.RIGHT);
        m.put(KeyCode.KP_LEFT, TerminalKey.LEFT);
        m.put(KeyCode.HOME, TerminalKey.HOME);
        m.put(KeyCode.END, TerminalKey.END);
        m.put(KeyCode.PAGE_UP, TerminalKey.PAGE_UP);
        m.put(KeyCode.PAGE_DOWN, TerminalKey.PAGE_DOWN);
        m.put(KeyCode.INSERT, TerminalKey.INSERT);
        m.put(KeyCode.DELETE, TerminalKey.DELETE);
        KeyCode[] f = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4, KeyCode.F5, KeyCode.F6, KeyCode.F7, KeyCode.F8,
            KeyCode.F9, KeyCode.F10, KeyCode.F11, KeyCode.F12};
        for (int i = 0; i < f.length; i++) {
            m.put(f[i], TerminalKey.valueOf("F" + (i + 1)));
        }
        return m;
    }
}
