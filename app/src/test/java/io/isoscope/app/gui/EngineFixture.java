package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.testing.TestEngine;

/**
 * The engine the GUI tests drive: the real one (runc, busybox, /proc, SQLite) on a temporary state directory
 * that {@link #close()} empties and deletes. Not thread-safe; one per test.
 */
final class EngineFixture implements AutoCloseable {

    private final TestEngine real;

    private EngineFixture(TestEngine real) {
        this.real = real;
    }

    /** A fresh real engine with no containers. */
    static EngineFixture open() {
        return new EngineFixture(TestEngine.open());
    }

    /** A fresh real engine pointed at a runc binary that does not exist, as on a host without runc. */
    static EngineFixture withoutRunc() {
        return new EngineFixture(TestEngine.open(java.nio.file.Path.of("/nonexistent/runc")));
    }

    /** The engine under test. */
    ContainerEngine engine() {
        return real.engine();
    }

    /** Removes every container the test made (running ones are killed), closes the engine, deletes its state. */
    @Override
    public void close() {
        real.close();
    }
}
