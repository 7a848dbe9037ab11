package io.isoscope.views.console.terminal;

/**
 * Select Graphic Rendition ({@code CSI … m}): applies its parameters to a style. Bold, underline and reverse are
 * kept, the 8 + 8 named colours, 256-colour ({@code 38;5;n}) and truecolour ({@code 38;2;r;g;b}, also with ':')
 * are mapped; other attributes (italic, blink, …) are accepted and ignored. Stateless, thread-safe.
 */
final class Sgr {

    private Sgr() {
    }

    /** {@code style} with the SGR parameters applied, in order. */
    static TextStyle apply(TextStyle style, CsiParams p) {
        if (p.size() == 0) {
            return TextStyle.DEFAULT;
        }
        TextStyle s = style;
        int i = 0;
        while (i < p.size()) {
            int code = p.get(i, 0);
            int used = 1;
            switch (code) {
                case 0 -> s = TextStyle.DEFAULT;
                case 1 -> s = s.withBold(true);
                case 4 -> s = s.withUnderline(!p.isSub(i + 1) || p.get(i + 1, 1) != 0);
                case 7 -> s = s.withReverse(true);
                case 21 -> s = s.withUnderline(true);
                case 22 -> s = s.withBold(false);
                case 24 -> s = s.withUnderline(false);
                case 27 -> s = s.withReverse(false);
                case 39 -> s = s.withForeground(TermColor.DEFAULT);
                case 49 -> s = s.withBackground(TermColor.DEFAULT);
                case 38, 48 -> {
                    int[] color = new int[1];
                    used = extendedColor(p, i, color);
                    if (color[0] != Integer.MIN_VALUE) {
                        s = code == 38 ? s.withForeground(color[0]) : s.withBackground(color[0]);
                    }
                }
                default -> {
                    if (code >= 30 && code <= 37) {
                        s = s.withForeground(TermColor.indexed(code - 30));
                    } else if (code >= 40 && code <= 47) {
                        s = s.withBackground(TermColor.indexed(code - 40));
                    } else if (code >= 90 && code <= 97) {
                        s = s.withForeground(TermColor.indexed(code - 90 + 8));
                    } else if (code >= 100 && code <= 107) {
                        s = s.withBackground(TermColor.indexed(code - 100 + 8));
                    }
                    // anything else: an attribute this terminal does not draw
                }
            }
            // Sub-parameters (after ':') belong to the code before them and are never codes themselves.
            i += used;
            while (i < p.size() && p.isSub(i)) {
                i++;
            }
        }
        return s;
    }

    /**
     * Reads the colour after 38/48 at {@code i}: {@code ;5;n}, {@code ;2;r;g;b}, or their ':' forms (where 2 may
     * carry a colour-space id first). Puts it in {@code out[0]} (MIN_VALUE when malformed) and returns how many
     * ';'-separated parameters it used, 38/48 included.
     */
    private static int extendedColor(CsiParams p, int i, int[] out) {
        out[0] = Integer.MIN_VALUE;
        boolean colon = p.isSub(i + 1);
        int kind = p.get(i + 1, -1);
        if (colon) {
            int subs = 0;
            while (p.isSub(i + 1 + subs)) {
                subs++;
            }
            if (kind == 5 && subs >= 2) {
                out[0] = indexed(p.get(i + 2, 0));
            } else if (kind == 2 && subs >= 4) {
                int first = subs >= 5 ? i + 3 : i + 2; // 38:2:<colour space>:r:g:b or 38:2:r:g:b
                out[0] = TermColor.rgb(p.get(first, 0), p.get(first + 1, 0), p.get(first + 2, 0));
            }
            return 1;
        }
        if (kind == 5 && i + 2 < p.size()) {
            out[0] = indexed(p.get(i + 2, 0));
            return 3;
        }
        if (kind == 2 && i + 4 < p.size()) {
            out[0] = TermColor.rgb(p.get(i + 2, 0), p.get(i + 3, 0), p.get(i + 4, 0));
            return 5;
        }
        // Malformed: skip what it names so its numbers are not read as codes (e.g. 38;5 then 1 = bold).
        return Math.max(1, Math.min(p.size() - i, kind == 2 ? 5 : kind == 5 ? 3 : 2));
    }

    private static int indexed(int n) {
        return n >= 0 && n <= 255 ? TermColor.indexed(n) : Integer.MIN_VALUE;
    }
}
