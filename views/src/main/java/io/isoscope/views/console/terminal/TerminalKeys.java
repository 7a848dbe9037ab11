package io.isoscope.views.console.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a key sends to the program, byte for byte as xterm sends it: Enter CR, Backspace DEL (0x7f), arrows
 * {@code ESC [ A} (or {@code ESC O A} in application cursor mode), {@code ESC [ 1 ; 5 A} with modifiers, Delete
 * {@code ESC [ 3 ~}, Ctrl+letter the control character (Ctrl-C 0x03), Alt+key ESC first. Stateless, thread-safe.
 */
public final class TerminalKeys {

    private static final String ESC = "\u001b";
    /** Keys whose sequence is CSI/SS3 + a letter: the letter. */
    private static final Map<TerminalKey, Character> LETTER = Map.of(
            TerminalKey.UP, 'A', TerminalKey.DOWN, 'B', TerminalKey.RIGHT, 'C', TerminalKey.LEFT, 'D',
            TerminalKey.HOME, 'H', TerminalKey.END, 'F',
            TerminalKey.F1, 'P', TerminalKey.F2, 'Q', TerminalKey.F3, 'R', TerminalKey.F4, 'S');
    /** Keys whose sequence is CSI number ~: the number. */
    private static final Map<TerminalKey, Integer> TILDE = Map.ofEntries(
            Map.entry(TerminalKey.INSERT, 2), Map.entry(TerminalKey.DELETE, 3), Map.entry(TerminalKey.PAGE_UP, 5),
            Map.entry(TerminalKey.PAGE_DOWN, 6), Map.entry(TerminalKey.F5, 15), Map.entry(TerminalKey.F6, 17),
            Map.entry(TerminalKey.F7, 18), Map.entry(TerminalKey.F8, 19), Map.entry(TerminalKey.F9, 20),
            Map.entry(TerminalKey.F10, 21), Map.entry(TerminalKey.F11, 23), Map.entry(TerminalKey.F12, 24));

    private TerminalKeys() {
    }

    /** The bytes {@code key} sends with these modifiers; {@code applicationCursor} as the screen's DECCKM says. */
    public static byte[] key(TerminalKey key, boolean shift, boolean alt, boolean ctrl, boolean applicationCursor) {
        int modifier = 1 + (shift ? 1 : 0) + (alt ? 2 : 0) + (ctrl ? 4 : 0);
        String s = switch (key) {
            case ENTER -> (alt ? ESC : "") + "\r";
            case BACKSPACE -> (alt ? ESC : "") + (ctrl ? "\b" : "\u007f");
            case TAB -> shift ? ESC + "[Z" : (alt ? ESC : "") + "\t";
            case ESCAPE -> (alt ? ESC : "") + ESC;
            default -> {
                Character letter = LETTER.get(key);
                if (letter != null) {
                    if (modifier > 1) {
                        yield ESC + "[1;" + modifier + letter;
                    }
                    boolean ss3 = key.name().startsWith("F") || applicationCursor;
                    yield ESC + (ss3 ? "O" : "[") + letter;
                }
                yield ESC + "[" + TILDE.get(key) + (modifier > 1 ? ";" + modifier : "") + "~";
            }
        };
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The control character Ctrl+{@code c} sends: letters give 0x01–0x1a (Ctrl-C 0x03, Ctrl-D 0x04), and
     * {@code @ [ \ ] ^ _ ?} and space their usual codes; {@code -1} for a key without one.
     */
    public static int control(char c) {
        char u = Character.toUpperCase(c);
        if (u >= 'A' && u <= 'Z') {
            return u - 'A' + 1;
        }
        return switch (c) {
            case ' ', '@', '2' -> 0;
            case '[', '3' -> 0x1b;
            case '\\', '4' -> 0x1c;
            case ']', '5' -> 0x1d;
            case '^', '6' -> 0x1e;
            case '_', '-', '7' -> 0x1f;
            case '?', '8' -> 0x7f;
            default -> -1;
        };
    }

    /** The bytes typed text sends (UTF-8); with Alt, ESC first as xterm's metaSendsEscape does. */
    public static byte[] text(String text, boolean alt) {
        return ((alt ? ESC : "") + text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bytes pasting {@code text} sends: line ends become CR as if typed; with bracketed paste on, wrapped in
     * {@code ESC [200~ … ESC [201~} and with any ESC taken out so the text cannot end the bracket early.
     */
    public static byte[] paste(String text, boolean bracketed) {
        String typed = text.replace("\r\n", "\r").replace('\n', '\r');
        if (bracketed) {
            typed = ESC + "[200~" + typed.replace(ESC, "") + ESC + "[201~";
        }
        return typed.getBytes(StandardCharsets.UTF_8);
    }
}
