package io.isoscope.engine.api;

import java.time.Instant;

/**
 * Something the engine repaired or could not do on its own that the user should know about, e.g. a corrupt
 * database that was moved aside and rebuilt. Shown once by the CLI and as a persistent notice by the GUI.
 * Immutable, thread-safe.
 *
 * @param at      when the engine noticed it
 * @param message one or two sentences for the user, naming any file involved
 * @param detail  more lines for the curious (e.g. the files that could not be used), or {@code null}
 */
public record EngineWarning(Instant at, String message, String detail) {
}
