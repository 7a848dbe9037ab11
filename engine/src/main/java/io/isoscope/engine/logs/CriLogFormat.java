package io.isoscope.engine.logs;

import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The container log format, Kubernetes' CRI logging format: one record per line,
 * {@code 2026-11-28T10:00:00.123456789Z stdout F text}, where {@code F} ends a line and {@code P} marks a part
 * of a longer one continued by the next record. Lines that are not records (logs written before timestamps were
 * recorded, a runtime's own messages) are kept as they are, without a time. Stateless, thread-safe.
 */
public final class CriLogFormat {

    /** A record's parts; {@code partial} when the line continues in the next record. */
    record Record(Instant time, LogStream stream, boolean partial, String text) {
    }

    /** Formats one complete line as a record (what a monitor writes; used by tests and by the engine itself). */
    public String format(Instant time, LogStream stream, String text) {
        return time + " " + (stream == LogStream.STDERR ? "stderr" : "stdout") + " F " + text;
    }

    /** Parses lines of the log (without line breaks) into log lines, joining partial records. */
    public List<LogLine> parse(List<String> rawLines) {
        List<LogLine> out = new ArrayList<>();
        StringBuilder pending = null;
        Record first = null;
        for (String raw : rawLines) {
            Optional<Record> r = record(raw);
            if (r.isEmpty()) {
                if (pending != null) { // a torn partial record: keep what it had
                    out.add(new LogLine(first.time(), first.stream(), pending.toString()));
                    pending = null;
                }
                out.add(new LogLine(null, LogStream.STDOUT, raw));
                continue;
            }
            Record rec = r.get();
            if (pending == null) {
                pending = new StringBuilder();
                first = rec;
            }
            pending.append(rec.text());
            if (!rec.partial()) {
                out.add(new LogLine(first.time(), first.stream(), pending.toString()));
                pending = null;
            }
        }
        if (pending != null) {
            out.add(new LogLine(first.time(), first.stream(), pending.toString()));
        }
        return out;
    }

    /** The record in {@code line}, if it is one. */
    Optional<Record> record(String line) {
        int s1 = line.indexOf(' ');
        if (s1 < 20 || s1 > 40) {
            return Optional.empty();
        }
        int s2 = line.indexOf(' ', s1 + 1);
        if (s2 < 0 || line.length() < s2 + 2 || (line.length() > s2 + 2 && line.charAt(s2 + 2) != ' ')) {
            return Optional.empty();
        }
        String stream = line.substring(s1 + 1, s2);
        char tag = line.charAt(s2 + 1);
        if (!(stream.equals("stdout") || stream.equals("stderr")) || (tag != 'F' && tag != 'P')) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = Instant.parse(line.substring(0, s1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String text = line.length() > s2 + 3 ? line.substring(s2 + 3) : "";
        return Optional.of(new Record(time, stream.equals("stderr") ? LogStream.STDERR : LogStream.STDOUT, tag == 'P', text));
    }
}
