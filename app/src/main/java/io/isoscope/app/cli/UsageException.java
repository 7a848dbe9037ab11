package io.isoscope.app.cli;

/** A command line the CLI cannot make sense of (unknown flag, missing argument); exits 2. Immutable, thread-safe. */
final class UsageException extends RuntimeException {

    /** {@code message} is one line, printed after "isoscope: ". */
    UsageException(String message) {
        super(message);
    }
}
