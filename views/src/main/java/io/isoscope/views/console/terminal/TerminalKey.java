package io.isoscope.views.console.terminal;

/** The keys that send escape sequences or control characters rather than text. */
public enum TerminalKey {
    ENTER, BACKSPACE, TAB, ESCAPE,
    UP, DOWN, RIGHT, LEFT, HOME, END, PAGE_UP, PAGE_DOWN, INSERT, DELETE,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12
}
