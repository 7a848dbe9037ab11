package io.isoscope.engine.api;

import java.util.List;
import java.util.Optional;

/**
 * The one-line answer to "can the host see this container's process?", computed from the engine's correlated
 * tables. Immutable, thread-safe.
 *
 * @param text          the sentence, e.g. "ping (container PID 1) is host PID 6466: the host kernel runs it"
 * @param containerPid  the container-side PID it talks about, or {@code null}
 * @param hostPid       the host PID of that process (process isolation) or of the VM worker (hyperv), or {@code null}
 * @param visibleOnHost whether the same process is visible in the host table
 */
public record IsolationVerdict(String text, Long containerPid, Long hostPid, boolean visibleOnHost) {

    /** The verdict for the container's first process (lowest container PID). */
    public static IsolationVerdict of(ContainerInfo container, List<ContainerProcess> inside, List<HostProcess> host) {
        if (!container.isRunning()) {
            return new IsolationVerdict(container.name() + " is not running: no process to compare", null, null, false);
        }
        Optional<ContainerProcess> first = inside.stream()
                .min((a, b) -> Long.compare(a.containerPid(), b.containerPid()));
        if (first.isEmpty()) {
            return new IsolationVerdict(container.name() + " has no process yet", null, null, false);
        }
        ContainerProcess p = first.get();
        if (p.hostPid() != null && host.stream().anyMatch(h -> h.pid() == p.hostPid())) {
            return new IsolationVerdict(p.name() + " (container PID " + p.containerPid() + ") is host PID "
                    + p.hostPid() + ": the host kernel runs it", p.containerPid(), p.hostPid(), true);
        }
        Optional<HostProcess> worker = host.stream()
                .filter(h -> h.role() == ProcessRole.VM_WORKER && container.id().equals(h.containerId()))
                .findFirst();
        if (worker.isPresent()) {
            return new IsolationVerdict(p.name() + " (container PID " + p.containerPid()
                    + ") is not visible on the host: it runs in the VM behind " + worker.get().name()
                    + " (PID " + worker.get().pid() + ")", p.containerPid(), worker.get().pid(), false);
        }
        return new IsolationVerdict(p.name() + " (container PID " + p.containerPid()
                + ") is not visible on the host", p.containerPid(), null, false);
    }
}
