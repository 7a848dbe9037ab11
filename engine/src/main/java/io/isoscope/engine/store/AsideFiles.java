package io.isoscope.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Moves a damaged database and its WAL companions to {@code NAME.corrupt-<UTC time>} (plus {@code -wal},
 * {@code -shm}) beside it, keeping them together so that {@code sqlite3} can still open the set. Never deletes
 * and never overwrites: a name already taken gets a counter. Not thread-safe (callers hold a {@link RecoveryLock}).
 */
final class AsideFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** SQLite's companion files: WAL mode's two, and the rollback journal should one be left from older days. */
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private final Path file;
    private final Clock clock;

    AsideFiles(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Moves the database (and whichever companions exist) aside; returns where the database went. */
    Path moveAside() throws IOException {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC));
        Path target = file.resolveSibling(base);
        for (int n = 2; taken(target); n++) {
            target = file.resolveSibling(base + "-" + n);
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        for (String suffix : COMPANIONS) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(companion, target.resolveSibling(target.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    private static boolean taken(Path target) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        for (String suffix : COMPANIONS) {
            if (Files.exists(target.resolveSibling(target.getFileName() + suffix), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }
}
