package io.isoscope.app.cli;

import io.isoscope.engine.api.LogLine;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prints log lines as {@code docker logs} does: the text of each line, with {@code -t} preceded by its time in
 * docker's fixed RFC 3339 form with nanoseconds ({@code 2026-01-02T03:04:05.120000000Z}) and a space. A line whose
 * time the log does not record (one written before times were recorded) is printed without one. Confined to the
 * invocation's thread.
 */
final class LogPrinter {

    /** Go's {@code RFC3339NanoFixed}, which docker uses for log times: always nine fraction digits. */
    static final DateTimeFormatter DOCKER_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean timestamps;

    /** Prints to {@code out}, with times when {@code timestamps}. */
    LogPrinter(PrintStream out, boolean timestamps) {
        this.out = out;
        this.timestamps = timestamps;
    }

    /** Prints complete lines, each ended by a newline. */
    void print(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            if (timestamps && line.time() != null) {
                text.append(DOCKER_TIME.format(line.time())).append(' ');
            }
            text.append(line.text()).append('\n');
        }
        out.print(text);
        out.flush();
    }

    /** Prints the unfinished last line of a log as it is (no newline was written after it). */
    void printUnfinished(String text) {
        if (!text.isEmpty()) {
            out.print(text);
            out.flush();
        }
    }
}
