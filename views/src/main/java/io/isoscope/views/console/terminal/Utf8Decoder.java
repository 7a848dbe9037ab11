package io.isoscope.views.console.terminal;

import java.util.function.IntConsumer;

/**
 * Decodes UTF-8 that arrives in chunks: a character split between two chunks is completed by the next one.
 * Malformed input (stray continuation bytes, overlong forms, surrogates, truncated sequences) becomes U+FFFD, one
 * per bad sequence, and never stops the stream. Not thread-safe.
 */
final class Utf8Decoder {

    static final int REPLACEMENT = 0xFFFD;

    private int codePoint;
    private int needed;
    private int minimum;

    /** Decodes {@code length} bytes from {@code offset}, handing each complete code point to {@code sink}. */
    void decode(byte[] bytes, int offset, int length, IntConsumer sink) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xff;
            if (needed > 0) {
                if ((b & 0xc0) == 0x80) {
                    codePoint = codePoint << 6 | (b & 0x3f);
                    if (--needed == 0) {
                        boolean valid = codePoint >= minimum && codePoint <= 0x10ffff
                                && (codePoint < 0xd800 || codePoint > 0xdfff);
                        sink.accept(valid ? codePoint : REPLACEMENT);
                    }
                    continue;
                }
                // The sequence broke off: it is one bad character, and this byte starts afresh.
                needed = 0;
                sink.accept(REPLACEMENT);
            }
            if (b < 0x80) {
                sink.accept(b);
            } else if (b >= 0xc2 && b <= 0xdf) {
                start(b & 0x1f, 1, 0x80);
            } else if (b >= 0xe0 && b <= 0xef) {
                start(b & 0x0f, 2, 0x800);
            } else if (b >= 0xf0 && b <= 0xf4) {
                start(b & 0x07, 3, 0x10000);
            } else {
                sink.accept(REPLACEMENT); // a continuation byte on its own, C0/C1 (overlong) or F5..FF
            }
        }
    }

    private void start(int bits, int more, int min) {
        codePoint = bits;
        needed = more;
        minimum = min;
    }
}
