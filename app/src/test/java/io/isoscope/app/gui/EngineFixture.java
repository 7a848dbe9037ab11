package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.engine.testing.TestEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine the GUI tests drive: the real one (runc, busybox, /proc, SQLite) on a temporary state directory
 * that {@link #close()} empties and deletes, or, for what the real runtimes cannot show, a fake. Not
 * thread-safe; one per test.
 */
final class EngineFixture implements AutoCloseable {

    private final TestEngine real;
    /** The engine when it is a fake (then {@link #real} is null). */
    private final ContainerEngine fake;

    private EngineFixture(TestEngine real) {
        this.real = real;
        this.fake = null;
    }

    private EngineFixture(ContainerEngine fake) {
        this.real = null;
        this.fake = fake;
    }

    /** The fake engine {@code engine} (consoles that echo, no runtime), for GUI tests of the views alone. */
    static EngineFixture fake(FakeContainerEngine engine) {
        return new EngineFixture(engine);
    }

    /** A fresh real engine with no containers. */
    static EngineFixture open() {
        return new EngineFixture(TestEngine.open());
    }

    /** A fresh real engine pointed at a runc binary that does not exist, as on a host without runc. */
    static EngineFixture withoutRunc() {
        return new EngineFixture(TestEngine.open(Path.of("/nonexistent/runc")));
    }

    /**
     * A real engine whose database was damaged while it was closed, with one running container {@code name} made
     * before: the engine opened on it has moved the file aside and warns about it.
     */
    static EngineFixture withDamagedDatabase(String name) {
        TestEngine real = TestEngine.open();
        try {
            real.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "600").withName(name));
            real.engine().close();
            Files.writeString(real.stateDir().resolve("isoscope.db"), "not a database ".repeat(500));
            real.reopen();
            return new EngineFixture(real);
        } catch (IOException | RuntimeException e) {
            try {
                real.reopen(); // an open engine, so that close can remove the container
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            real.close();
            throw new IllegalStateException("cannot prepare a damaged database: " + e.getMessage(), e);
        }
    }

    /** The state directory of the engine. */
    Path stateDir() {
        if (real == null) {
            throw new IllegalStateException("a fake engine has no state directory");
        }
        return real.stateDir();
    }

    /** The engine under test. */
    ContainerEngine engine() {
        return real != null ? real.engine() : fake;
    }

    /** Removes every container the test made (running ones are killed), closes the engine, deletes its state. */
    @Override
    public void close() {
        if (real != null) {
            real.close();
        } else {
            fake.close();
        }
    }
}
