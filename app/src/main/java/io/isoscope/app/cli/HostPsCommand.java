package io.isoscope.app.cli;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessNameFilter;

import java.util.List;

/** {@code host-ps [--name NAME]}: the host's process table, like PowerShell's {@code get-process [-Name NAME]}. Confined to the invocation's thread. */
final class HostPsCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("host-ps",
            "List the host's processes and the containers they belong to (like get-process)", "", List.of(
            Option.value("name", "string", "Only processes with this name (case-insensitive, * and ? wildcards)")),
            true);

    HostPsCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        args.none();
        ProcessNameFilter filter = new ProcessNameFilter(args.value("name").orElse(null));
        List<HostProcess> rows = filter.apply(ctx.engine().hostProcesses());
        if (rows.isEmpty() && filter.isActive()) {
            ctx.err().println(notFound(filter));
            return 1;
        }
        ProcessTables.hostSide(ProcessTables.sortHostSide(rows)).print(ctx.out());
        return 0;
    }

    /** get-process's error line, under this command's name. */
    static String notFound(ProcessNameFilter filter) {
        return "host-ps : " + filter.notFoundMessage();
    }
}
