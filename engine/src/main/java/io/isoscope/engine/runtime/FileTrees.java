package io.isoscope.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a container's directory tree. Stateless, thread-safe. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it, children first, without following symbolic links. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
