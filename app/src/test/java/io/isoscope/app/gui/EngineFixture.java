package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.testing.FakeContainerEngine;

/**
 * The engine the GUI tests drive. For now the in-memory fake; once the real engine exists this is the one place
 * to switch to it (on a temporary ISOSCOPE_HOME that {@link #close()} deletes). Not thread-safe; one per test.
 */
final class EngineFixture implements AutoCloseable {

    private final ContainerEngine engine;

    private EngineFixture(ContainerEngine engine) {
        this.engine = engine;
    }

    /** A fresh engine with no containers. */
    static EngineFixture open() {
        return new EngineFixture(new FakeContainerEngine());
    }

    /** The engine under test. */
    ContainerEngine engine() {
        return engine;
    }

    /** Removes every container the test made (running ones are killed), then closes the engine. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (ContainerInfo c : engine.list(true)) {
            try {
                engine.remove(c.id(), true);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        engine.close();
        if (failure != null) {
            throw failure;
        }
    }
}
