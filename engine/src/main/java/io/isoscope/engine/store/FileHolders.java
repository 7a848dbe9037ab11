package io.isoscope.engine.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which processes hold a file open, from the {@code fd} links under /proc. Used before a damaged database is moved
 * aside: SQLite must never see a file renamed under a connection that is still open (its next checkpoint or close
 * would write into or delete the new database's companions). Processes this user cannot inspect are not seen.
 * Stateless, thread-safe.
 */
final class FileHolders {

    private final Path procRoot;

    /** Holders as {@code procRoot} (normally {@code /proc}) shows them. */
    FileHolders(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The PIDs of the processes with any of {@code files} open, in ascending order. */
    List<Long> of(List<Path> files) {
        Set<String> targets = new TreeSet<>();
        for (Path f : files) {
            targets.add(f.toAbsolutePath().normalize().toString());
        }
        Set<Long> pids = new TreeSet<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(procRoot, p -> isNumber(p.getFileName().toString()))) {
            for (Path proc : procs) {
                if (holdsAny(proc.resolve("fd"), targets)) {
                    pids.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // No /proc to look at: nobody can be seen holding the file.
        }
        return new ArrayList<>(pids);
    }

    private static boolean holdsAny(Path fdDir, Set<String> targets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (targets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException closedMeanwhile) {
                    // The descriptor was closed while we looked: it holds nothing now.
                }
            }
        } catch (IOException gone) {
            // The process ended, or is another user's: skip it.
        }
        return false;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
