package io.isoscope.engine.api;

/** User input quoted in an error message. Stateless, thread-safe. */
public final class MessageText {

    private MessageText() {
    }

    /**
     * {@code s} with control characters shown as {@code \xNN}, so a message never carries them to a terminal, and
     * cut (with "…") after {@code max} characters.
     */
    public static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(max).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return s.codePointCount(0, s.length()) > max ? sb + "…" : sb.toString();
    }
}
