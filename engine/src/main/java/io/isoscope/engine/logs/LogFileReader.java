package io.isoscope.engine.logs;

import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a container's log file from a byte offset: complete lines only, so a reader following the file never
 * sees half a line. Stateless apart from its format, thread-safe.
 */
public final class LogFileReader {

    /** At most this much is read per call, so following a huge log stays responsive. */
    private static final int MAX_READ = 4 << 20;

    private final CriLogFormat format = new CriLogFormat();

    /** The lines of {@code file} from {@code offset} on; an absent file reads as empty. */
    public LogChunk read(Path file, long offset) throws IOException {
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (offset > length) {
                offset = 0; // the file was replaced (a restart with a fresh log): start over
            }
            bytes = new byte[(int) Math.min(MAX_READ, length - offset)];
            f.seek(offset);
            f.readFully(bytes);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            return new LogChunk(List.of(), 0);
        }
        int end = lastNewline(bytes);
        if (end < 0) {
            return new LogChunk(List.of(), offset);
        }
        List<String> raw = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (bytes[i] == '\n') {
                int stop = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                raw.add(new String(bytes, start, stop - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        List<LogLine> lines = format.parse(raw);
        return new LogChunk(lines, offset + end + 1);
    }

    /** The whole log as text, one line each, without the records' times (what {@code docker logs} prints). */
    public String text(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        long offset = 0;
        while (true) {
            LogChunk c = read(file, offset);
            c.lines().forEach(l -> out.append(l.text()).append('\n'));
            if (c.nextOffset() == offset) {
                String tail = tail(file, offset); // an unfinished last line, e.g. printf without \n
                if (!tail.isEmpty()) {
                    format.parse(List.of(tail)).forEach(l -> out.append(l.text()));
                }
                return out.toString();
            }
            offset = c.nextOffset();
        }
    }

    private static String tail(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() <= offset) {
                return "";
            }
            byte[] b = new byte[(int) Math.min(MAX_READ, f.length() - offset)];
            f.seek(offset);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return "";
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
