package io.isoscope.engine.api;

/**
 * Whether an isolation can run on this host and, if not, why and the exact fix. Immutable, thread-safe.
 *
 * @param isolation the isolation checked
 * @param available whether containers of this isolation can start here
 * @param runtime   what runs them, e.g. {@code runc 1.1.5 (/usr/sbin/runc)}, or {@code null}
 * @param reason    why not, or {@code null} when available
 * @param fix       the exact command or step that fixes it, or {@code null}
 */
public record RuntimeReadiness(Isolation isolation, boolean available, String runtime, String reason, String fix) {
}
