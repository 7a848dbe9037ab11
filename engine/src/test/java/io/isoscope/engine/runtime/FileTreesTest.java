package io.isoscope.engine.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a container's directory tree: all of it, nothing outside it, and no complaint when it is gone. */
class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesTheTreeButNotWhatItsLinksPointTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path root = Files.createDirectories(dir.resolve("container/run/abc"));
        Files.writeString(root.resolve("qmp.sock"), "");
        Files.createSymbolicLink(dir.resolve("container/link"), outside);
        Files.createSymbolicLink(dir.resolve("container/dirlink"), dir);

        FileTrees.delete(dir.resolve("container"));

        assertThat(dir.resolve("container")).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @Test
    void aTreeThatIsAlreadyGoneIsNoError() throws IOException {
        FileTrees.delete(dir.resolve("never-there"));

        assertThat(dir.resolve("never-there")).doesNotExist();
    }
}
