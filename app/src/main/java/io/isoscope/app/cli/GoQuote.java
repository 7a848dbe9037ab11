package io.isoscope.app.cli;

/** Go's {@code strconv.Quote}, which docker uses for the COMMAND cell: double quotes, backslash escapes. Stateless, thread-safe. */
final class GoQuote {

    private GoQuote() {
    }

    /** E.g. {@code ping 127.0.0.1} becomes {@code "ping 127.0.0.1"}; {@code a"b} becomes {@code "a\"b"}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
