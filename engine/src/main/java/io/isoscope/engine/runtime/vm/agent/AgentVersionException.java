package io.isoscope.engine.runtime.vm.agent;

/**
 * A well-formed frame of another protocol version arrived: the guest runs an agent built for another engine.
 * Immutable, thread-safe.
 */
public class AgentVersionException extends AgentProtocolException {

    private final int version;

    /** A frame of protocol {@code version} (this engine speaks {@link FrameCodec#VERSION}). */
    public AgentVersionException(int version, String message) {
        super(message);
        this.version = version;
    }

    /** The version the other side speaks. */
    public int version() {
        return version;
    }
}
