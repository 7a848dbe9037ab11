package io.isoscope.engine.runtime.vm.agent;

/** The guest agent (or its socket) did not answer before the deadline. Immutable, thread-safe. */
public class AgentTimeoutException extends AgentException {

    /** A timeout described by {@code message}. */
    public AgentTimeoutException(String message) {
        super(message);
    }

    /** A timeout described by {@code message}, first reported as {@code cause}. */
    public AgentTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
