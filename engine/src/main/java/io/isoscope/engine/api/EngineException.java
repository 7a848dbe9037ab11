package io.isoscope.engine.api;

/** An engine operation that failed, with a kind callers can branch on and a message fit for a user. */
public class EngineException extends RuntimeException {

    /** What went wrong, coarse enough for a CLI exit code or a GUI icon. */
    public enum Kind {
        /** The image reference names no image in the store. */
        IMAGE_NOT_FOUND,
        /** The spec is malformed: empty command, bad name, bad reference, bad value. */
        INVALID_SPEC,
        /** The command's executable does not exist in the image. */
        COMMAND_NOT_FOUND,
        /** The isolation's runtime cannot run on this host (see {@link ContainerEngine#readiness()}). */
        RUNTIME_UNAVAILABLE,
        /** No container has that id, id prefix or name. */
        NO_SUCH_CONTAINER,
        /** The operation conflicts with the container's state or another container (name in use, still running). */
        CONFLICT,
        /** The runtime was asked and failed; the message carries its own words. */
        RUNTIME_FAILED,
        /** Reading or writing the state directory failed. */
        IO
    }

    private final Kind kind;

    public EngineException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EngineException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The coarse reason. */
    public Kind kind() {
        return kind;
    }
}
