package io.isoscope.views.walkthrough;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessNameFilter;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.views.walkthrough.scenario.Expectation;
import io.isoscope.views.walkthrough.scenario.HostLookup;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Whether what a step is about is there, from one sample of the engine's tables, and the sentence that says what
 * was seen. Stateless, thread-safe.
 */
final class StepChecks {

    /** How many matching rows an outcome names before it says "and N more". */
    private static final int NAMED = 3;

    /**
     * A check's result.
     *
     * @param met   whether the step's condition holds
     * @param retry whether asking again may change that (a process still starting); false once it cannot
     * @param text  what was seen, for the audience
     */
    record Outcome(boolean met, boolean retry, String text) {
    }

    private StepChecks() {
    }

    /** SHOW_CONTAINER_TABLE: the container runs and {@code docker top} lists its processes. */
    static Outcome insideTable(ContainerInfo container, List<ContainerProcess> inside) {
        if (!container.isRunning()) {
            return new Outcome(false, false, container.name() + " is not running ("
                    + container.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (container.exitCode() == null ? "" : ", exit code " + container.exitCode())
                    + "): it has no processes to show");
        }
        if (inside.isEmpty()) {
            return new Outcome(false, true, "docker top " + container.name() + " shows no process yet");
        }
        List<ContainerProcess> sorted = inside.stream()
                .sorted(Comparator.comparingLong(ContainerProcess::containerPid)).toList();
        String named = sorted.stream().limit(NAMED).map(p -> p.name() + " is PID " + p.containerPid() + " inside "
                        + (p.hostPid() != null ? "and host PID " + p.hostPid() + " on the host"
                        : "the VM, with no host PID: the host cannot see it"))
                .collect(Collectors.joining("; "));
        return new Outcome(true, false, named + more(sorted.size()));
    }

    /**
     * HOST_LOOKUP: {@code get-process -Name} over the host table, among {@code scope}'s rows when it is given;
     * {@code nameOf} names the container of a row by id.
     */
    static Outcome hostLookup(HostLookup lookup, ContainerInfo scope, List<HostProcess> host, UnaryOperator<String> nameOf) {
        ProcessNameFilter filter = new ProcessNameFilter(lookup.name());
        List<HostProcess> all = filter.apply(host);
        List<HostProcess> matches = scope == null ? all
                : all.stream().filter(h -> scope.id().equals(h.containerId())).toList();
        String among = scope == null ? "" : " among " + scope.name() + "'s processes";
        if (lookup.expect() == Expectation.FOUND) {
            if (matches.isEmpty()) {
                return new Outcome(false, true, scope == null ? filter.notFoundMessage()
                        : "No process named " + lookup.name() + among + " on the host");
            }
            String named = matches.stream().sorted(Comparator.comparingLong(HostProcess::pid)).limit(NAMED)
                    .map(h -> describe(h, nameOf)).collect(Collectors.joining("; "));
            return new Outcome(true, false, "Found " + named + more(matches.size()));
        }
        if (!matches.isEmpty()) {
            HostProcess first = matches.get(0);
            return new Outcome(false, true, "Expected no " + lookup.name() + among + " on the host, but there is "
                    + describe(first, nameOf));
        }
        int others = all.size();
        String elsewhere = scope == null || others == 0 ? ""
                : " (" + others + (others == 1 ? " other " + lookup.name() + " process runs" : " other " + lookup.name()
                + " processes run") + " on the host, none of them " + scope.name() + "'s)";
        return new Outcome(true, false, "get-process : " + filter.notFoundMessage() + elsewhere);
    }

    private static String describe(HostProcess h, UnaryOperator<String> nameOf) {
        String head = h.name() + ", host PID " + h.pid();
        if (h.role() == ProcessRole.VM_WORKER && h.containerId() != null) {
            return head + ": the VM worker that encapsulates " + nameOf.apply(h.containerId());
        }
        if (h.role() == ProcessRole.CONTAINER && h.containerId() != null) {
            return head + (h.containerPid() == null ? ": a process of " + nameOf.apply(h.containerId())
                    : ": the same process as PID " + h.containerPid() + " inside " + nameOf.apply(h.containerId()));
        }
        return head + ": a host process";
    }

    private static String more(int count) {
        return count > NAMED ? " (and " + (count - NAMED) + " more)" : "";
    }
}
