package io.isoscope.engine.runtime.vm.agent;

/**
 * The guest agent refused to open a console session, for a reason PROTOCOL.md names ({@code not-found},
 * {@code not-permitted}, {@code no-terminal}, {@code not-running}, {@code busy}, {@code invalid}, {@code failed}).
 * Immutable, thread-safe.
 */
public class SessionRefusedException extends AgentException {

    private final String reason;

    /** Refused for {@code reason}, explained by the agent's {@code message}. */
    public SessionRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The agent's reason code. */
    public String reason() {
        return reason;
    }
}
