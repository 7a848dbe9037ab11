package io.isoscope.engine.testing;

import io.isoscope.engine.api.ContainerEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * JUnit extension: one {@link TestEngine} shared by the tests of a class, opened before the first and closed after
 * the last, which removes every container it holds and deletes its state. A {@link ContainerEngine} parameter of a
 * test or lifecycle method gets its engine. Register it on a static field. Not thread-safe; for tests that run one
 * at a time.
 */
public final class SharedTestEngine implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private TestEngine fixture;

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture = TestEngine.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        fixture.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ContainerEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return engine();
    }

    /** The engine; after {@link #reopen()}, the new one. */
    public ContainerEngine engine() {
        return fixture.engine();
    }

    /** The state directory. */
    public Path stateDir() {
        return fixture.stateDir();
    }

    /** Closes the engine (containers keep running) and opens a new one on the same state, like an app restart. */
    public ContainerEngine reopen() {
        return fixture.reopen();
    }
}
