package io.isoscope.views.readiness;

/**
 * One isolation in the Readiness panel: whether it works here, what runs it, and for a missing piece why and the
 * exact fix. Immutable, thread-safe.
 *
 * @param isolation   the isolation's name, e.g. "Hyper-V isolation"
 * @param how         what it is made of, e.g. "a QEMU utility VM per container"
 * @param available   whether containers of this isolation can start here
 * @param status      "Works here" or "Not available"
 * @param runtime     the runtime and its version, e.g. "runc 1.1.5 (/usr/sbin/runc)", or a dash when unknown
 * @param reason      why not, or {@code null} when it works
 * @param fixStep     the step that fixes it, in words, when it is not just a command (e.g. "run Isoscope as root"),
 *                    or {@code null}
 * @param fixCommand  the exact command that fixes it, to copy into a shell, or {@code null}
 * @param note        something worth knowing even when it works (e.g. CPU emulation), or {@code null}
 */
public record ReadinessRow(String isolation, String how, boolean available, String status, String runtime,
                           String reason, String fixStep, String fixCommand, String note) {
}
