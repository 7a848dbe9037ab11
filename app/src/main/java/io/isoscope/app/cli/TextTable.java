package io.isoscope.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table laid out like docker's tabwriter ({@code minwidth, padding 3}): every column but the last is as wide
 * as its widest cell plus 3 spaces, and at least {@code minWidth}; lines carry no trailing spaces. Columns may be
 * right-aligned (numbers, as get-process prints them). Not thread-safe: build, then print.
 */
final class TextTable {

    /** Docker's gap between columns. */
    static final int PADDING = 3;

    private final int minWidth;
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(int minWidth, List<String> headers) {
        this.minWidth = minWidth;
        this.headers = headers;
        this.rightAligned = new boolean[headers.size()];
    }

    /** A table with these column headers whose columns are at least {@code minWidth} wide (gap included). */
    static TextTable of(int minWidth, String... headers) {
        return new TextTable(minWidth, List.of(headers));
    }

    /** Right-aligns the given columns (0-based), header included. */
    TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row; it must have one cell per column ({@code null} prints as empty). */
    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c).toList());
        return this;
    }

    /** The header line followed by one line per row. */
    List<String> lines() {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int columns = headers.size();
        int[] widths = new int[columns];
        for (List<String> line : all) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], width(line.get(c)));
            }
        }
        for (int c = 0; c < columns - 1; c++) {
            widths[c] = Math.max(widths[c] + PADDING, minWidth) - PADDING;
        }
        List<String> out = new ArrayList<>();
        for (List<String> line : all) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = line.get(c);
                String fill = " ".repeat(widths[c] - width(cell));
                sb.append(rightAligned[c] ? fill + cell : cell + fill);
                if (c < columns - 1) {
                    sb.append(" ".repeat(PADDING));
                }
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }

    /** Prints {@link #lines()}. */
    void print(PrintStream out) {
        lines().forEach(out::println);
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
