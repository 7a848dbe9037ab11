package io.isoscope.app.bench;

import io.isoscope.engine.runtime.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch directories for benchmark runs. Stateless, thread-safe. */
final class BenchDirs {

    private BenchDirs() {
    }

    /** A new directory under the system temp dir (short enough for overlay and socket paths). */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a scratch directory; a failure only leaves a temp dir behind. */
    static void delete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
