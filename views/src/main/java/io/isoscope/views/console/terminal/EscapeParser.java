package io.isoscope.views.console.terminal;

/**
 * The VT500-style state machine (after Paul Williams' DEC parser) that splits decoded output into printable
 * characters, controls and escape sequences. A sequence split between two chunks of output is simply continued;
 * sequences it does not know, malformed or over-long ones are dropped, never buffered without bound. Not
 * thread-safe.
 */
final class EscapeParser {

    /** The longest OSC text kept (a title); the rest of a longer one is skipped. */
    private static final int MAX_OSC = 4096;
    private static final int ESC = 0x1b;
    private static final int BEL = 0x07;
    private static final int CAN = 0x18;
    private static final int SUB = 0x1a;
    private static final int DEL = 0x7f;

    private enum State { GROUND, ESCAPE, ESCAPE_INTERMEDIATE, CSI_ENTRY, CSI_PARAM, CSI_INTERMEDIATE, CSI_IGNORE,
        OSC, STRING_IGNORE }

    private final EscapeHandler handler;
    private final CsiParams params = new CsiParams();
    private final StringBuilder intermediates = new StringBuilder();
    private final StringBuilder osc = new StringBuilder();
    private State state = State.GROUND;
    private int prefix;

    EscapeParser(EscapeHandler handler) {
        this.handler = handler;
    }

    /** Feeds one code point. */
    void accept(int cp) {
        if (cp == CAN || cp == SUB) {
            endString();
            state = State.GROUND;
            return;
        }
        if (cp == ESC) {
            endString();
            enterEscape();
            return;
        }
        switch (state) {
            case GROUND -> ground(cp);
            case ESCAPE -> escape(cp);
            case ESCAPE_INTERMEDIATE -> escapeIntermediate(cp);
            case CSI_ENTRY, CSI_PARAM -> csiParam(cp);
            case CSI_INTERMEDIATE -> csiIntermediate(cp);
            case CSI_IGNORE -> csiIgnore(cp);
            case OSC -> oscString(cp);
            case STRING_IGNORE -> {
                // DCS, SOS, PM, APC: skipped up to ST (ESC \), which the ESC case above handles
            }
        }
    }

    private void ground(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp == DEL || (cp >= 0x80 && cp < 0xa0)) {
            return; // DEL and C1 controls are ignored (xterm in UTF-8 mode)
        } else {
            handler.print(cp);
        }
    }

    private void enterEscape() {
        state = State.ESCAPE;
        intermediates.setLength(0);
    }

    private void escape(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp <= 0x2f) {
            intermediates.appendCodePoint(cp);
            state = State.ESCAPE_INTERMEDIATE;
        } else if (cp == '[') {
            params.clear();
            prefix = 0;
            state = State.CSI_ENTRY;
        } else if (cp == ']') {
            osc.setLength(0);
            state = State.OSC;
        } else if (cp == 'P' || cp == 'X' || cp == '^' || cp == '_') {
            state = State.STRING_IGNORE;
        } else if (cp <= 0x7e) {
            state = State.GROUND;
            handler.esc("", cp);
        } else {
            state = State.GROUND;
        }
    }

    private void escapeIntermediate(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp <= 0x2f) {
            if (intermediates.length() < 4) {
                intermediates.appendCodePoint(cp);
            }
        } else if (cp <= 0x7e) {
            state = State.GROUND;
            handler.esc(intermediates.toString(), cp);
        } else {
            state = State.GROUND;
        }
    }

    private void csiParam(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp >= '0' && cp <= '9') {
            params.digit(cp - '0');
            state = State.CSI_PARAM;
        } else if (cp == ';' || cp == ':') {
            params.separator(cp == ':');
            state = State.CSI_PARAM;
        } else if (cp >= 0x3c && cp <= 0x3f) {
            if (state == State.CSI_ENTRY) {
                prefix = cp;
                state = State.CSI_PARAM;
            } else {
                state = State.CSI_IGNORE;
            }
        } else if (cp >= 0x20 && cp <= 0x2f) {
            intermediates.setLength(0);
            intermediates.appendCodePoint(cp);
            state = State.CSI_INTERMEDIATE;
        } else if (cp >= 0x40 && cp <= 0x7e) {
            dispatchCsi(cp);
        } else {
            state = State.CSI_IGNORE;
        }
    }

    private void csiIntermediate(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp <= 0x2f) {
            if (intermediates.length() < 4) {
                intermediates.appendCodePoint(cp);
            }
        } else if (cp >= 0x40 && cp <= 0x7e) {
            dispatchCsi(cp);
        } else {
            state = State.CSI_IGNORE;
        }
    }

    private void csiIgnore(int cp) {
        if (cp < 0x20) {
            handler.execute(cp);
        } else if (cp >= 0x40 && cp <= 0x7e) {
            state = State.GROUND;
        }
    }

    private void dispatchCsi(int finalChar) {
        state = State.GROUND;
        String inter = intermediates.toString();
        intermediates.setLength(0);
        handler.csi(prefix, params, inter, finalChar);
    }

    private void oscString(int cp) {
        if (cp == BEL) {
            endString();
            state = State.GROUND;
        } else if (cp >= 0x20 && osc.length() < MAX_OSC) {
            osc.appendCodePoint(cp);
        }
    }

    /** An OSC ends at BEL, ST, CAN or SUB: hand it on. */
    private void endString() {
        if (state == State.OSC) {
            handler.osc(osc.toString());
            osc.setLength(0);
        }
    }
}
