package io.isoscope.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Moving a damaged database aside keeps its companion files with it and never overwrites an earlier one. */
class AsideFilesTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-12-31T23:59:58.9Z"), ZoneOffset.UTC);

    @Test
    void theWalShmAndJournalGoWithTheDatabaseUnderOneUtcName() throws IOException {
        Path db = dir.resolve("isoscope.db");
        Files.writeString(db, "main");
        Files.writeString(dir.resolve("isoscope.db-wal"), "wal");
        Files.writeString(dir.resolve("isoscope.db-shm"), "shm");
        Files.writeString(dir.resolve("isoscope.db-journal"), "journal");

        Path aside = new AsideFiles(db, clock).moveAside();

        assertThat(aside).isEqualTo(dir.resolve("isoscope.db.corrupt-20251231T235958Z")).hasContent("main");
        assertThat(dir.resolve("isoscope.db.corrupt-20251231T235958Z-wal")).hasContent("wal");
        assertThat(dir.resolve("isoscope.db.corrupt-20251231T235958Z-shm")).hasContent("shm");
        assertThat(dir.resolve("isoscope.db.corrupt-20251231T235958Z-journal")).hasContent("journal");
        assertThat(names()).containsExactly("isoscope.db.corrupt-20251231T235958Z",
                "isoscope.db.corrupt-20251231T235958Z-journal", "isoscope.db.corrupt-20251231T235958Z-shm",
                "isoscope.db.corrupt-20251231T235958Z-wal");
    }

    @Test
    void aTakenNameGetsACounterEvenWhenOnlyACompanionOfItIsLeft() throws IOException {
        Path db = dir.resolve("isoscope.db");
        Files.writeString(dir.resolve("isoscope.db.corrupt-20251231T235958Z"), "first");
        Files.writeString(dir.resolve("isoscope.db.corrupt-20251231T235958Z-2-wal"), "a wal whose db was removed");
        Files.writeString(db, "third");

        Path aside = new AsideFiles(db, clock).moveAside();

        assertThat(aside).isEqualTo(dir.resolve("isoscope.db.corrupt-20251231T235958Z-3")).hasContent("third");
        assertThat(dir.resolve("isoscope.db.corrupt-20251231T235958Z")).hasContent("first");
        assertThat(db).doesNotExist();
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
