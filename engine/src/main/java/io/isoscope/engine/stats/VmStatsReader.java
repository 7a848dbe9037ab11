package io.isoscope.engine.stats;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.proc.ProcEntry;
import io.isoscope.engine.proc.ProcReader;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VM isolation's usage: what the host pays, from the VM worker's {@code /proc} entry (its CPU time and resident
 * set), with the VM's RAM (QEMU's {@code -m}) as the limit, plus the container's own processes as the guest agent
 * lists them where it answers. Thread-safe, stateless.
 */
public final class VmStatsReader implements StatsReader {

    /** QEMU's {@code -m SIZE}: MiB by default, or with an M or G suffix. */
    private static final Pattern MEMORY = Pattern.compile("(?:^| )-m (\\d+)([MmGg]?)(?= |$)");

    private final ProcReader proc;
    private final Clock clock;

    /** A reader of VM workers through {@code proc}; {@code clock} stamps samples. */
    public VmStatsReader(ProcReader proc, Clock clock) {
        this.proc = proc;
        this.clock = clock;
    }

    @Override
    public ContainerStats read(long hostPid, Supplier<Optional<List<ContainerProcess>>> guestProcesses) {
        // The guest first, then the time and the worker at once: the agent's answer takes a variable while (a
        // handshake over a serial line), and a time stamped before it would make the guest's CPU % jitter.
        // A running workload has at least one process: an empty list means the guest did not answer.
        List<ContainerProcess> inside = guestProcesses.get().orElse(List.of());
        Instant time = clock.instant();
        ProcEntry vmwp = proc.read(hostPid).orElseThrow(() -> new EngineException(EngineException.Kind.CONFLICT,
                "the VM worker (vmwp, host PID " + hostPid + ") has ended: the container is not running"));
        ContainerStats.GuestUsage guest = inside.isEmpty() ? null : new ContainerStats.GuestUsage(
                inside.stream().mapToDouble(ContainerProcess::cpuSeconds).sum(),
                inside.stream().mapToLong(ContainerProcess::rssBytes).sum(), inside.size());
        return new ContainerStats(time, vmwp.cpuSeconds(), vmwp.rssBytes(), ramBytes(vmwp.commandLine()),
                guest == null ? null : guest.processes(), guest == null ? "vmwp process" : "vmwp process + guest", guest);
    }

    /** The VM's RAM from QEMU's command line, or {@code null} when it does not say (QEMU's default then). */
    static Long ramBytes(String commandLine) {
        Matcher m = MEMORY.matcher(commandLine);
        if (!m.find()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equalsIgnoreCase("G") ? n << 30 : n << 20;
    }
}
