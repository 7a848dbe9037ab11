package io.isoscope.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON file per container ({@code CONTAINERS/<id>/container.json}) holding its latest record, so that the
 * container list can be rebuilt when the database is lost. Each write replaces the file atomically (a private
 * temporary file renamed over the record), so a process that dies at any point leaves the old record or the new
 * one, never half of either.
 *
 * <p>There is no fsync, on purpose: it cost 3-4 ms per write here, twice per {@code run} (create, start), which
 * alone would push container start past its latency target. The durability is then the database's own
 * ({@code synchronous=NORMAL}: a power cut may lose the last changes, a crash of the app loses nothing), and
 * ext4 (Debian's default) writes a file's data before a rename over an older one commits, so a power cut still
 * leaves a whole record.
 *
 * <p>Thread-safe as far as the file system is: callers serialise writes of one container (the store does so under
 * the database's write lock).
 */
final class ContainerRecordFiles {

    /** The record's name inside a container's directory. */
    static final String FILE_NAME = "container.json";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    /** Far more than any record; a bigger file is damage, not a record worth reading into memory. */
    private static final long MAX_BYTES = 1 << 20;
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final Path containersDir;
    private final ObjectMapper json;

    /** Record files under {@code containersDir}, one directory per container. */
    ContainerRecordFiles(Path containersDir, ObjectMapper json) {
        this.containersDir = containersDir;
        this.json = json;
    }

    /** What {@link #readAll()} found: the records it could read and one line per file it could not. */
    record Scan(List<ContainerInfo> containers, List<String> problems) {
        Scan {
            containers = List.copyOf(containers);
            problems = List.copyOf(problems);
        }
    }

    /** The directory of the containers. */
    Path containersDir() {
        return containersDir;
    }

    /** The record file of container {@code id}. */
    Path fileOf(String id) {
        return containersDir.resolve(id).resolve(FILE_NAME);
    }

    /**
     * Replaces the record of {@code c} with its current fields. A container whose directory does not exist (it
     * is being removed, or was never made) has nothing left to restore, so nothing is written.
     */
    void write(ContainerInfo c) throws IOException {
        Path dir = containersDir.resolve(c.id());
        if (!Files.isDirectory(dir)) {
            return;
        }
        byte[] bytes = json.writeValueAsBytes(ContainerRecord.of(c));
        Path temp = dir.resolve(TEMP_NAME);
        // A temporary file left by a crash may have any mode: start over so that the new one is 0600 from birth.
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PRIVATE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every container directory's record, with a line for each directory whose record is missing or unreadable. */
    Scan readAll() throws IOException {
        List<ContainerInfo> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(containersDir)) {
            return new Scan(found, problems);
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(containersDir,
                p -> ID.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))) {
            entries.forEach(dirs::add);
        }
        dirs.sort(null); // a stable order for the report
        for (Path dir : dirs) {
            Path file = dir.resolve(FILE_NAME);
            try {
                if (Files.size(file) > MAX_BYTES) {
                    problems.add(file + ": unreadable (larger than " + MAX_BYTES + " bytes, not a record)");
                    continue;
                }
                ContainerInfo c = json.readValue(Files.readAllBytes(file), ContainerRecord.class).toInfo();
                if (!c.id().equals(dir.getFileName().toString())) {
                    problems.add(file + ": it names another container (" + c.id() + ")");
                } else {
                    found.add(c);
                }
            } catch (NoSuchFileException e) {
                problems.add(file + ": missing, so the container in " + dir + " cannot be restored");
            } catch (IOException | RuntimeException e) {
                // Whatever is in the file (garbage, nulls, a foreign shape): report it, restore the rest.
                problems.add(file + ": unreadable (" + firstLine(e.getMessage()) + ")");
            }
        }
        return new Scan(found, problems);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
