package io.isoscope.engine.runtime;

/**
 * Named points inside the engine's operations (e.g. {@code start.spawned}) where a fault-injection test stops
 * the engine dead to prove that recovery holds. The product passes {@link #NONE}. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface Checkpoints {

    /** Does nothing: the product's checkpoints. */
    Checkpoints NONE = name -> { };

    /** Called when an operation reaches the point {@code name}. */
    void reached(String name);
}
