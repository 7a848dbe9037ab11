package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.IsolationVerdict;
import io.isoscope.engine.api.ProcessNameFilter;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code compare CONTAINER [--name NAME]}: the container-side table, the host-side table (filtered by name like
 * {@code get-process -Name}) with the rows that are the same process or its VM worker marked "*", and the
 * verdict. Confined to the invocation's thread.
 */
final class CompareCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("compare",
            "Show a container's processes as seen inside it and from the host, and whether the host sees them",
            "CONTAINER", List.of(
            Option.value("name", "string", "Only host processes with this name (like get-process -Name)")),
            true);

    CompareCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        String ref = args.exactly(1).get(0);
        ContainerEngine engine = ctx.engine();
        ContainerInfo c = engine.inspect(ref);
        List<ContainerProcess> inside = ProcessTables.sortContainerSide(
                c.isRunning() ? engine.processes(c.id()) : List.of());
        List<HostProcess> host = engine.hostProcesses();
        ProcessNameFilter filter = new ProcessNameFilter(args.value("name").orElse(null));
        PrintStream out = ctx.out();

        out.println("Container side (isoscope top " + c.name() + "):");
        List<Boolean> insideMarks = inside.stream()
                .map(p -> p.hostPid() != null && host.stream().anyMatch(h -> h.pid() == p.hostPid())).toList();
        ProcessTables.marked(ProcessTables.containerSide(inside), insideMarks).forEach(out::println);
        out.println();

        out.println("Host side (isoscope host-ps" + (filter.isActive() ? " --name " + args.value("name").get() : "")
                + "):");
        List<HostProcess> shown = ProcessTables.sortHostSide(filter.apply(host));
        if (shown.isEmpty() && filter.isActive()) {
            out.println(HostPsCommand.notFound(filter));
        } else {
            List<Boolean> hostMarks = shown.stream().map(h -> c.id().equals(h.containerId())).toList();
            ProcessTables.marked(ProcessTables.hostSide(shown), hostMarks).forEach(out::println);
        }
        out.println();

        // The verdict looks at the whole host table: a filter must not make a visible process look hidden.
        out.println("Verdict: " + IsolationVerdict.of(c, inside, host).text());
        return 0;
    }
}
