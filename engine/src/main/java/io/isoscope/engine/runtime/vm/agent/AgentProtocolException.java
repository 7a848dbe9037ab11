package io.isoscope.engine.runtime.vm.agent;

/**
 * What arrived over the agent's line breaks the protocol: a garbled, oversized or truncated frame, or an answer of
 * the wrong type or shape. Immutable, thread-safe.
 */
public class AgentProtocolException extends AgentException {

    /** A protocol violation described by {@code message}. */
    public AgentProtocolException(String message) {
        super(message);
    }

    /** A protocol violation described by {@code message}, first reported as {@code cause}. */
    public AgentProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
