package io.isoscope.engine.proc;

import java.nio.charset.StandardCharsets;

/**
 * The fields of {@code /proc/PID/stat} the process table needs, in the kernel's units. Immutable.
 *
 * @param name           {@code comm}
 * @param ppid           field 4
 * @param session        field 6
 * @param cpuTicks       utime + stime (fields 14 and 15)
 * @param threads        field 20
 * @param startTicks     field 22, clock ticks after boot
 * @param virtualBytes   field 23
 * @param residentPages  field 24
 */
record StatFields(String name, long ppid, long session, long cpuTicks, int threads, long startTicks,
                  long virtualBytes, long residentPages) {

    private static final int FIRST_FIELD_AFTER_COMM = 3;
    private static final int LAST_FIELD_NEEDED = 24;

    /**
     * Parses the first {@code length} bytes of a stat file. {@code comm} may hold spaces and ')' itself, so it
     * ends at the LAST ')'. Numbers are parsed straight from the bytes: this runs for every process every second.
     *
     * @throws IllegalArgumentException when the content is not a stat line
     */
    static StatFields parse(byte[] bytes, int length) {
        int open = indexOf(bytes, length, (byte) '(');
        int close = lastIndexOf(bytes, length, (byte) ')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("no (comm) in stat");
        }
        String name = new String(bytes, open + 1, close - open - 1, StandardCharsets.UTF_8);
        long[] fields = new long[LAST_FIELD_NEEDED + 1];
        int pos = close + 1;
        for (int field = FIRST_FIELD_AFTER_COMM; field <= LAST_FIELD_NEEDED; field++) {
            while (pos < length && bytes[pos] == ' ') {
                pos++;
            }
            int end = pos;
            while (end < length && bytes[end] != ' ' && bytes[end] != '\n') {
                end++;
            }
            if (end == pos) {
                throw new IllegalArgumentException("stat has only " + (field - 1) + " fields");
            }
            // Field 3 is the one-letter state, the only non-numeric field before 24.
            if (field != FIRST_FIELD_AFTER_COMM) {
                fields[field] = parseLong(bytes, pos, end);
            }
            pos = end;
        }
        return new StatFields(name, fields[4], fields[6], fields[14] + fields[15], Math.toIntExact(fields[20]),
                fields[22], fields[23], fields[24]);
    }

    private static long parseLong(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            throw new NumberFormatException("lone '-' in stat");
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("not a number in stat");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int length, byte wanted) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
