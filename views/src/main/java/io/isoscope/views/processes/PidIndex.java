package io.isoscope.views.processes;

import java.util.List;

/**
 * Positions of host rows by PID in a plan, without boxing: a plan has thousands of rows and a map of boxed keys
 * would be most of what the planner allocates every second. Immutable once built, thread-safe.
 */
final class PidIndex {

    private static final long FREE = Long.MIN_VALUE;

    private final long[] pids;
    private final int[] positions;
    private final int mask;
    private final int size;

    /** The positions of {@code entries}' PIDs in that list. */
    PidIndex(List<HostEntry> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        pids = new long[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
        java.util.Arrays.fill(pids, FREE);
        for (int i = 0; i < entries.size(); i++) {
            long pid = entries.get(i).pid();
            int slot = slot(pid);
            while (pids[slot] != FREE && pids[slot] != pid) {
                slot = (slot + 1) & mask;
            }
            pids[slot] = pid;
            positions[slot] = i;
        }
        size = entries.size();
    }

    /** The position of {@code pid}, or {@code -1} when it has none. */
    int positionOf(long pid) {
        int slot = slot(pid);
        while (pids[slot] != FREE) {
            if (pids[slot] == pid) {
                return positions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Whether {@code pid} has a position. */
    boolean contains(long pid) {
        return positionOf(pid) >= 0;
    }

    /** How many PIDs it holds. */
    int size() {
        return size;
    }

    private int slot(long pid) {
        long h = pid * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
