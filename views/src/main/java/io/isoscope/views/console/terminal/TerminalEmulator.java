package io.isoscope.views.console.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An xterm-compatible terminal emulator without a display: feed it what a program writes (UTF-8 with control
 * sequences, in chunks of any size) and read the {@link TerminalScreen}. Answers that the program asks for
 * (cursor position, device attributes) go to the {@code responder}, as a terminal would type them. What it
 * understands: C0 controls; cursor movement, erasing, inserting and deleting characters and lines, SGR colours and
 * attributes, scroll regions, tab stops, saving the cursor, the alternate screen, DEC line drawing, cursor
 * visibility, application cursor keys and bracketed paste. Anything else is skipped. Not thread-safe: confined to
 * the UI thread.
 */
public final class TerminalEmulator {

    private final TerminalScreen screen;
    private final Consumer<byte[]> responder;
    private final Utf8Decoder decoder = new Utf8Decoder();
    private final EscapeParser parser = new EscapeParser(new Handler());
    private String title = "";

    /**
     * A blank terminal of {@code columns} × {@code rows} keeping {@code scrollbackLines} lines of history, sending
     * its answers to {@code responder}.
     */
    public TerminalEmulator(int columns, int rows, int scrollbackLines, Consumer<byte[]> responder) {
        this.screen = new TerminalScreen(columns, rows, scrollbackLines);
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** What the terminal shows. */
    public TerminalScreen screen() {
        return screen;
    }

    /** The window title the program set (OSC 0 or 2), or empty. */
    public String title() {
        return title;
    }

    /** Processes {@code length} bytes of output from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        decoder.decode(bytes, offset, length, parser::accept);
    }

    /** Processes output. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Processes output given as text (UTF-8 encoded first), for tests and messages. */
    public void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Changes the size in cells. */
    public void resize(int columns, int rows) {
        screen.resize(columns, rows);
    }

    /** Back to a blank screen without history, as for a new session. */
    public void reset() {
        screen.reset(true);
        title = "";
    }

    /** Turns what the parser recognises into screen operations. */
    private final class Handler implements EscapeHandler {

        @Override
        public void print(int codePoint) {
            screen.print(codePoint);
        }

        @Override
        public void execute(int control) {
            switch (control) {
                case 0x07 -> screen.bell();
                case 0x08 -> screen.backspace();
                case 0x09 -> screen.tab(1);
                case 0x0a, 0x0b, 0x0c -> screen.lineFeed();
                case 0x0d -> screen.carriageReturn();
                case 0x0e -> screen.shift(1);
                case 0x0f -> screen.shift(0);
                default -> {
                    // NUL, ENQ and the rest do nothing on a display
                }
            }
        }

        @Override
        public void esc(String intermediates, int finalChar) {
            if (intermediates.isEmpty()) {
                switch (finalChar) {
                    case '7' -> screen.saveCursor();
                    case '8' -> screen.restoreCursor();
                    case 'D' -> screen.lineFeed();
                    case 'E' -> {
                        screen.carriageReturn();
                        screen.lineFeed();
                    }
                    case 'M' -> screen.reverseIndex();
                    case 'H' -> screen.setTabStop();
                    case 'c' -> screen.reset(false);
                    default -> {
                        // ESC = / ESC > (keypad modes), ESC \ (ST) and others: nothing to draw
                    }
                }
            } else if (intermediates.length() == 1 && (intermediates.charAt(0) == '(' || intermediates.charAt(0) == ')')) {
                screen.designateCharset(intermediates.charAt(0) == '(' ? 0 : 1, (char) finalChar);
            }
        }

        @Override
        public void osc(String text) {
            int semicolon = text.indexOf(';');
            if (semicolon > 0) {
                String command = text.substring(0, semicolon);
                if (command.equals("0") || command.equals("2")) {
                    title = text.substring(semicolon + 1);
                }
            }
        }

        @Override
        public void csi(int prefix, CsiParams p, String intermediates, int finalChar) {
            if (prefix == '?') {
                privateSequence(p, intermediates, finalChar);
                return;
            }
            if (prefix != 0) {
                return; // '>' '=' '<': secondary device attributes, xterm key modifiers and such
            }
            if (!intermediates.isEmpty()) {
                if (intermediates.equals("!") && finalChar == 'p') {
                    screen.softReset();
                }
                return; // e.g. CSI SP q (cursor shape)
            }
            switch (finalChar) {
                case 'A' -> screen.cursorUp(p.count(0));
                case 'B', 'e' -> screen.cursorDown(p.count(0));
                case 'C', 'a' -> screen.cursorForward(p.count(0));
                case 'D' -> screen.cursorBackward(p.count(0));
                case 'E' -> {
                    screen.cursorDown(p.count(0));
                    screen.carriageReturn();
                }
                case 'F' -> {
                    screen.cursorUp(p.count(0));
                    screen.carriageReturn();
                }
                case 'G', '`' -> screen.cursorToColumn(p.count(0) - 1);
                case 'H', 'f' -> screen.cursorTo(p.count(0) - 1, p.count(1) - 1);
                case 'd' -> screen.cursorToRow(p.count(0) - 1);
                case 'I' -> screen.tab(p.count(0));
                case 'Z' -> screen.backTab(p.count(0));
                case 'J' -> screen.eraseInDisplay(p.get(0, 0));
                case 'K' -> screen.eraseInLine(p.get(0, 0));
                case 'X' -> screen.eraseCharacters(p.count(0));
                case '@' -> screen.insertCharacters(p.count(0));
                case 'P' -> screen.deleteCharacters(p.count(0));
                case 'L' -> screen.insertLines(p.count(0));
                case 'M' -> screen.deleteLines(p.count(0));
                case 'S' -> screen.scrollUpLines(p.count(0));
                case 'T' -> {
                    if (p.size() <= 1) { // with more parameters it is xterm's mouse highlight tracking
                        screen.scrollDownLines(p.count(0));
                    }
                }
                case 'b' -> screen.repeatLast(p.count(0));
                case 'g' -> screen.clearTabStops(p.get(0, 0));
                case 'r' -> screen.setScrollRegion(p.get(0, 0), p.get(1, 0));
                case 's' -> screen.saveCursor();
                case 'u' -> screen.restoreCursor();
                case 'm' -> screen.setStyle(Sgr.apply(screen.style(), p));
                case 'h', 'l' -> {
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i, 0) == 4) {
                            screen.setInsertMode(finalChar == 'h');
                        }
                    }
                }
                case 'n' -> deviceStatus(p.get(0, 0), false);
                case 'c' -> {
                    if (p.get(0, 0) == 0) {
                        respond("\u001b[?1;2c"); // a VT100 with advanced video, as xterm answers by default
                    }
                }
                default -> {
                    // window manipulation (t) and the rest: ignored
                }
            }
        }
    }

    private void privateSequence(CsiParams p, String intermediates, int finalChar) {
        if (!intermediates.isEmpty()) {
            return;
        }
        switch (finalChar) {
            case 'h', 'l' -> {
                boolean on = finalChar == 'h';
                for (int i = 0; i < p.size(); i++) {
                    privateMode(p.get(i, 0), on);
                }
            }
            case 'n' -> deviceStatus(p.get(0, 0), true);
            case 'J' -> screen.eraseInDisplay(p.get(0, 0)); // selective erase: nothing is protected here
            case 'K' -> screen.eraseInLine(p.get(0, 0));
            default -> {
                // DECRQM and others: ignored
            }
        }
    }

    private void privateMode(int mode, boolean on) {
        switch (mode) {
            case 1 -> screen.setApplicationCursorKeys(on);
            case 6 -> screen.setOriginMode(on);
            case 7 -> screen.setAutoWrap(on);
            case 25 -> screen.setCursorVisible(on);
            case 47 -> screen.useAlternateScreen(on, false);
            case 1047 -> {
                if (!on && screen.alternateScreen()) {
                    screen.eraseInDisplay(2); // 1047 clears the alternate screen as it leaves it
                }
                screen.useAlternateScreen(on, false);
            }
            case 1048 -> {
                if (on) {
                    screen.saveCursor();
                } else {
                    screen.restoreCursor();
                }
            }
            case 1049 -> {
                if (on) {
                    if (!screen.alternateScreen()) {
                        screen.saveCursor();
                        screen.useAlternateScreen(true, true);
                    }
                } else if (screen.alternateScreen()) {
                    screen.useAlternateScreen(false, false);
                    screen.restoreCursor();
                }
            }
            case 2004 -> screen.setBracketedPaste(on);
            default -> {
                // mouse reporting, focus events and the rest are not offered
            }
        }
    }

    /** DSR: 5 asks whether the terminal is fine, 6 where the cursor is (CPR, 1-based row;column). */
    private void deviceStatus(int request, boolean dec) {
        if (request == 5 && !dec) {
            respond("\u001b[0n");
        } else if (request == 6) {
            respond("\u001b[" + (dec ? "?" : "") + screen.reportedRow() + ";" + (screen.cursorColumn() + 1) + "R");
        }
    }

    private void respond(String answer) {
        responder.accept(answer.getBytes(StandardCharsets.US_ASCII));
    }
}
