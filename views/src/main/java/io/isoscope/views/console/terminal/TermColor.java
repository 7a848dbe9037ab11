package io.isoscope.views.console.terminal;

/**
 * Terminal colours packed in an int: {@link #DEFAULT}, an xterm palette index (0–255: 16 named colours, the 6×6×6
 * cube, 24 greys) or a truecolour RGB value; {@link #toRgb} maps any of them to 0xRRGGBB. Stateless, thread-safe.
 */
public final class TermColor {

    /** The terminal's default foreground or background (the theme decides). */
    public static final int DEFAULT = -1;

    private static final int RGB_FLAG = 0x1000000;
    /** The 16 named colours, chosen to read well on a dark background (normal, then bright). */
    private static final int[] NAMED = {
        0x1e1e1e, 0xe05561, 0x5fb65a, 0xd8b43e, 0x4d8fe6, 0xc162de, 0x2fb4c7, 0xd4d4d4,
        0x6b7280, 0xff6b78, 0x7ee07a, 0xf5d76e, 0x74a9ff, 0xdd8cf5, 0x5fd7e8, 0xffffff,
    };
    private static final int[] PALETTE = palette();

    private TermColor() {
    }

    /** Palette colour {@code index} (0–255). */
    public static int indexed(int index) {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("palette index out of range: " + index);
        }
        return index;
    }

    /** A truecolour value; components are clamped to 0–255. */
    public static int rgb(int red, int green, int blue) {
        return RGB_FLAG | clamp(red) << 16 | clamp(green) << 8 | clamp(blue);
    }

    /** Whether {@code color} is a palette index. */
    public static boolean isIndexed(int color) {
        return color >= 0 && color < 256;
    }

    /** 0xRRGGBB of {@code color}; {@code fallback} for {@link #DEFAULT}. */
    public static int toRgb(int color, int fallback) {
        if (color == DEFAULT) {
            return fallback;
        }
        if (isIndexed(color)) {
            return PALETTE[color];
        }
        return color & 0xffffff;
    }

    /** The brighter twin of a normal named colour (0–7), which bold text uses as xterm does; others unchanged. */
    public static int brightened(int color) {
        return color >= 0 && color < 8 ? color + 8 : color;
    }

    private static int[] palette() {
        int[] p = new int[256];
        System.arraycopy(NAMED, 0, p, 0, 16);
        int[] levels = {0, 95, 135, 175, 215, 255};
        for (int i = 0; i < 216; i++) {
            p[16 + i] = levels[i / 36] << 16 | levels[i / 6 % 6] << 8 | levels[i % 6];
        }
        for (int i = 0; i < 24; i++) {
            int grey = 8 + 10 * i;
            p[232 + i] = grey << 16 | grey << 8 | grey;
        }
        return p;
    }

    private static int clamp(int component) {
        return Math.max(0, Math.min(255, component));
    }
}
