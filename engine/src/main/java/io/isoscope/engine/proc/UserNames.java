package io.isoscope.engine.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps uids to user names from a passwd file, cached and re-read when the file's modification time or size
 * changes. Thread-safe.
 */
public final class UserNames {

    private final Path passwdFile;
    private volatile Table table = new Table(null, -1, Map.of());

    /** Names from {@code passwdFile} (normally {@code /etc/passwd}); a missing or unreadable file means every name is numeric. */
    public UserNames(Path passwdFile) {
        this.passwdFile = passwdFile;
    }

    /** The user name of {@code uid}, or the uid as text when the passwd file does not know it. Thread-safe. */
    public String nameOf(int uid) {
        String name = current().names.get(uid);
        return name != null ? name : Integer.toString(uid);
    }

    private Table current() {
        FileTime mtime = null;
        long size = -1;
        try {
            BasicFileAttributes attrs = Files.readAttributes(passwdFile, BasicFileAttributes.class);
            mtime = attrs.lastModifiedTime();
            size = attrs.size();
        } catch (IOException unreadable) {
            // Keeps the null/-1 key: without the file every name is numeric, which a process table can live with.
        }
        Table seen = table;
        if (Objects.equals(seen.mtime, mtime) && seen.size == size) {
            return seen;
        }
        synchronized (this) {
            // Size as well as mtime: coarse file timestamps miss two writes within one tick.
            Table fresh = new Table(mtime, size, mtime == null ? Map.of() : load());
            table = fresh;
            return fresh;
        }
    }

    private Map<Integer, String> load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(passwdFile, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return Map.of();
        }
        Map<Integer, String> names = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (line.startsWith("#") || fields.length < 3 || fields[0].isEmpty()) {
                continue;
            }
            try {
                // First entry wins, as with getpwuid(3).
                names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
            } catch (NumberFormatException notAUid) {
                // A malformed line names nobody; the others still count.
            }
        }
        return Map.copyOf(names);
    }

    /** One loaded version of the file, keyed by what identifies that version. */
    private record Table(FileTime mtime, long size, Map<Integer, String> names) {
    }
}
