package io.isoscope.views.console.terminal;

/**
 * The lines that scrolled off the top of the main screen, oldest first, at most {@code capacity} (the oldest go
 * first). Counts the lines it has dropped, so a line keeps one number from when it enters to when it leaves.
 * Confined to the thread that owns its {@link TerminalScreen}.
 */
final class Scrollback {

    private final TerminalLine[] ring;
    private int head;
    private int size;
    private long dropped;

    Scrollback(int capacity) {
        ring = new TerminalLine[Math.max(0, capacity)];
    }

    int size() {
        return size;
    }

    /** How many lines were ever dropped off the old end (or cleared). */
    long dropped() {
        return dropped;
    }

    /** Line {@code index}, 0 being the oldest kept. */
    TerminalLine get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return ring[(head + index) % ring.length];
    }

    void add(TerminalLine line) {
        if (ring.length == 0) {
            dropped++;
            return;
        }
        if (size == ring.length) {
            ring[head] = line;
            head = (head + 1) % ring.length;
            dropped++;
        } else {
            ring[(head + size) % ring.length] = line;
            size++;
        }
    }

    void clear() {
        dropped += size;
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }
}
