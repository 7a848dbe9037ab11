package io.isoscope.engine;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineConfig;

/** Opens the real engine on a state directory. Stateless, thread-safe. */
public final class Engines {

    private Engines() {
    }

    /** Opens (creating if needed) the engine whose state lives in {@code config.stateDir()}. */
    public static ContainerEngine open(EngineConfig config) {
        throw new UnsupportedOperationException("engine core not written yet");
    }
}
