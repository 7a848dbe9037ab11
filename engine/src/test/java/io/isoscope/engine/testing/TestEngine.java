package io.isoscope.engine.testing;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real engine on a fresh temporary state directory; closing it force-removes every container it holds and
 * deletes the directory, so tests leave no container, runc state or mount behind. Not thread-safe to close twice
 * concurrently.
 */
public final class TestEngine implements AutoCloseable {

    private final Path stateDir;
    private ContainerEngine engine;

    private TestEngine(Path stateDir, ContainerEngine engine) {
        this.stateDir = stateDir;
        this.engine = engine;
    }

    /** Opens a real engine on a new temporary state directory. */
    public static TestEngine open() {
        return open(null);
    }

    /**
     * Opens a real engine whose state directory {@code stateDir} does not exist yet, so that the engine creates it;
     * closing deletes it.
     */
    public static TestEngine openIn(Path stateDir) {
        return new TestEngine(stateDir, Engines.open(EngineConfig.at(stateDir)));
    }

    /** Opens a real engine on a new temporary state directory with the given runc binary (null: find it). */
    public static TestEngine open(Path runc) {
        try {
            // Under /tmp, not the build dir: overlayfs needs paths without ',' or ':'.
            Path dir = Files.createTempDirectory("isoscope-test-");
            return new TestEngine(dir, Engines.open(new EngineConfig(dir, runc, Duration.ofSeconds(10))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine. */
    public ContainerEngine engine() {
        return engine;
    }

    /** The state directory. */
    public Path stateDir() {
        return stateDir;
    }

    /** Closes the engine (containers keep running) and opens a new one on the same state, like an app restart. */
    public ContainerEngine reopen() {
        engine.close();
        engine = Engines.open(EngineConfig.at(stateDir));
        return engine;
    }

    @Override
    public void close() {
        try {
            ContainerEngine cleaner = engine;
            for (ContainerInfo c : cleaner.list(true)) {
                try {
                    cleaner.remove(c.id(), true);
                } catch (RuntimeException e) {
                    System.err.println("cleanup: cannot remove " + c.name() + ": " + e.getMessage());
                }
            }
            cleaner.close();
        } finally {
            deleteTree(stateDir);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
