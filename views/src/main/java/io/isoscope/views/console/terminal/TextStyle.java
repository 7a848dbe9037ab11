package io.isoscope.views.console.terminal;

/**
 * How a cell is drawn: colours ({@link TermColor} values) and the attributes SGR sets. Immutable; cells share
 * instances.
 *
 * @param foreground text colour
 * @param background cell colour
 * @param bold       bold (and, for the 8 normal colours, the bright variant)
 * @param underline  underlined
 * @param reverse    foreground and background swapped
 */
public record TextStyle(int foreground, int background, boolean bold, boolean underline, boolean reverse) {

    /** The default colours, no attributes. */
    public static final TextStyle DEFAULT = new TextStyle(TermColor.DEFAULT, TermColor.DEFAULT, false, false, false);

    /** This style with another foreground. */
    public TextStyle withForeground(int color) {
        return new TextStyle(color, background, bold, underline, reverse);
    }

    /** This style with another background. */
    public TextStyle withBackground(int color) {
        return new TextStyle(foreground, color, bold, underline, reverse);
    }

    /** This style, bold or not. */
    public TextStyle withBold(boolean on) {
        return new TextStyle(foreground, background, on, underline, reverse);
    }

    /** This style, underlined or not. */
    public TextStyle withUnderline(boolean on) {
        return new TextStyle(foreground, background, bold, on, reverse);
    }

    /** This style, reversed or not. */
    public TextStyle withReverse(boolean on) {
        return new TextStyle(foreground, background, bold, underline, on);
    }

    /** What erasing with this style leaves: blanks in its background colour only, as xterm erases. */
    public TextStyle erased() {
        return background == TermColor.DEFAULT ? DEFAULT
                : new TextStyle(TermColor.DEFAULT, background, false, false, false);
    }
}
