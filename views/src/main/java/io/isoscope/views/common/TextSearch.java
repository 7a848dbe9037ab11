package io.isoscope.views.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A case-insensitive plain-text search (no patterns, so any text typed is found as typed). Immutable,
 * thread-safe.
 *
 * @param needle what to find; blank finds nothing
 */
public record TextSearch(String needle) {

    /** A found stretch of a text, from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Span(int start, int end) {
    }

    /** Keeps {@code null} out. */
    public TextSearch {
        needle = needle == null ? "" : needle;
    }

    /** Whether there is anything to find. */
    public boolean isActive() {
        return !needle.isBlank();
    }

    /** Whether {@code text} contains the needle. */
    public boolean matches(String text) {
        return isActive() && indexIn(text, 0) >= 0;
    }

    /** Every occurrence of the needle in {@code text}, left to right, not overlapping. */
    public List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        if (!isActive()) {
            return out;
        }
        int at = indexIn(text, 0);
        while (at >= 0) {
            out.add(new Span(at, at + needle.length()));
            at = indexIn(text, at + needle.length());
        }
        return out;
    }

    /** Case-insensitive indexOf without copying the text, since it runs over every line of a large log. */
    private int indexIn(String text, int from) {
        int last = text.length() - needle.length();
        for (int i = from; i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
