package io.isoscope.engine.runtime.vm.agent;

/**
 * A conversation with the guest agent failed: the agent refused a request (its ERROR message is in this message), or
 * the connection broke. The VM runtime translates it into an engine error. Immutable, thread-safe.
 */
public class AgentException extends RuntimeException {

    /** A failure described by {@code message}. */
    public AgentException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
