package io.isoscope.views.console.terminal;

/**
 * The numeric parameters of one control sequence: at most {@value #MAX} (more are dropped), each capped at
 * {@value #CAP} so no sequence can ask for billions of lines; an omitted parameter reads as 0. A parameter joined
 * to the previous one by ':' (e.g. {@code 38:2::255:0:0}) is marked as a sub-parameter. Reused by the parser for
 * every sequence; not thread-safe.
 */
final class CsiParams {

    static final int MAX = 32;
    static final int CAP = 65_535;

    private final int[] values = new int[MAX];
    private final boolean[] sub = new boolean[MAX];
    private int count;
    private boolean started;

    void clear() {
        count = 0;
        started = false;
    }

    /** A digit of the current parameter. */
    void digit(int d) {
        if (!started) {
            next(false);
        }
        if (count <= MAX) {
            int i = count - 1;
            if (i < MAX) {
                values[i] = Math.min(CAP, values[i] * 10 + d);
            }
        }
    }

    /** ';' (or ':' when {@code subParameter}) ends the current parameter and starts another. */
    void separator(boolean subParameter) {
        if (!started) {
            next(false);
        }
        next(subParameter);
    }

    private void next(boolean subParameter) {
        started = true;
        if (count < MAX) {
            values[count] = 0;
            sub[count] = subParameter;
        }
        count++;
    }

    /** How many parameters were given (an empty sequence has none). */
    int size() {
        return Math.min(count, MAX);
    }

    /** Parameter {@code i}, or {@code fallback} when absent. */
    int get(int i, int fallback) {
        return i < size() ? values[i] : fallback;
    }

    /** Parameter {@code i} where 0 or absent means 1 (counts of lines, cells, positions). */
    int count(int i) {
        int v = get(i, 0);
        return v == 0 ? 1 : v;
    }

    /** Whether parameter {@code i} was joined to the one before it by ':'. */
    boolean isSub(int i) {
        return i < size() && sub[i];
    }
}
