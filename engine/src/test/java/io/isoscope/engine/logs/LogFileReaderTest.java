package io.isoscope.engine.logs;

import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileReaderTest {

    private static final Instant T1 = Instant.parse("2026-11-28T10:00:00.123456789Z");
    private static final Instant T2 = Instant.parse("2026-11-28T10:00:01Z");

    @TempDir
    Path dir;

    private final LogFileReader reader = new LogFileReader();

    @Test
    void recordsGiveTimeStreamAndTextAndPartialRecordsAreJoined() throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(log, T1 + " stdout F PING 127.0.0.1\n" + T2 + " stderr P first half, \n"
                + T2 + " stderr F second half\n" + T2 + " stdout F \n");

        LogChunk chunk = reader.read(log, 0);

        assertThat(chunk.lines()).containsExactly(
                new LogLine(T1, LogStream.STDOUT, "PING 127.0.0.1"),
                new LogLine(T2, LogStream.STDERR, "first half, second half"),
                new LogLine(T2, LogStream.STDOUT, ""));
        assertThat(chunk.nextOffset()).isEqualTo(Files.size(log));
    }

    @Test
    void rawLinesAreKeptWithoutATimeAndAFollowerNeverSeesHalfALine() throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(log, "runc: error while starting\nhalf a li");

        LogChunk first = reader.read(log, 0);
        assertThat(first.lines()).containsExactly(new LogLine(null, LogStream.STDOUT, "runc: error while starting"));

        Files.writeString(log, "ne\n", StandardOpenOption.APPEND);
        LogChunk next = reader.read(log, first.nextOffset());
        assertThat(next.lines()).extracting(LogLine::text).containsExactly("half a line");
        assertThat(reader.read(log, next.nextOffset()).lines()).isEmpty();
    }

    @Test
    void textIsWhatDockerLogsPrintsIncludingAnUnfinishedLastLine() throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(log, T1 + " stdout F hello\n" + "no newline");
        assertThat(reader.text(log)).isEqualTo("hello\nno newline");
        assertThat(reader.text(dir.resolve("absent.log"))).isEmpty();
    }

    @Test
    void aFileThatShrankIsReadFromItsStart() throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(log, "one\n");
        assertThat(reader.read(log, 1000).lines()).extracting(LogLine::text).containsExactly("one");
    }

    @Test
    void thingsThatLookAlmostLikeRecordsAreRawLines() {
        CriLogFormat f = new CriLogFormat();
        assertThat(f.record("2026-11-28T10:00:00Z stdin F x")).isEmpty();
        assertThat(f.record("2026-11-28T10:00:00Z stdout X x")).isEmpty();
        assertThat(f.record("not-a-timestamp-at-all stdout F x")).isEmpty();
        assertThat(f.record("2026-11-28T10:00:00Z stdout Fx")).isEmpty();
        assertThat(f.record(f.format(T1, LogStream.STDERR, "a b c")))
                .contains(new CriLogFormat.Record(T1, LogStream.STDERR, false, "a b c"));
    }
}
