package io.isoscope.views.console.terminal;

/** What the {@link EscapeParser} recognises, handed on as it is recognised. Called on the parser's thread. */
interface EscapeHandler {

    /** A printable character. */
    void print(int codePoint);

    /** A C0 control character (BEL, BS, HT, LF, VT, FF, CR, SO, SI; others too, to be ignored). */
    void execute(int control);

    /**
     * A complete control sequence {@code ESC [ prefix? params intermediates final}; {@code prefix} is one of
     * {@code < = > ?} or 0.
     */
    void csi(int prefix, CsiParams params, String intermediates, int finalChar);

    /** An escape sequence {@code ESC intermediates final} (e.g. ESC 7, ESC ( 0). */
    void esc(String intermediates, int finalChar);

    /** An operating system command {@code ESC ] text BEL/ST} (e.g. the window title). */
    void osc(String text);
}
