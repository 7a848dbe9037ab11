package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;

import java.time.Instant;
import java.util.List;

/** {@code ps [-a] [-q] [--no-trunc]}: docker's container table. Confined to the invocation's thread. */
final class PsCommand extends ContextCommand {

    /** docker truncates the COMMAND cell to this many characters, ellipsis included. */
    private static final int COMMAND_WIDTH = 20;
    /** docker's formatter lays tables out with a minimum column width of 10. */
    private static final int MIN_WIDTH = 10;

    private static final CommandSyntax SYNTAX = new CommandSyntax("ps", "List containers", "", List.of(
            Option.flag('a', "all", "Show all containers (default shows just running)"),
            Option.flag("no-trunc", "Don't truncate output"),
            Option.flag('q', "quiet", "Only display container IDs")), true);

    PsCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        args.none();
        boolean trunc = !args.flag("no-trunc");
        List<ContainerInfo> containers = ctx.engine().list(args.flag("all"));
        if (args.flag("quiet")) {
            containers.forEach(c -> ctx.out().println(trunc ? c.shortId() : c.id()));
            return 0;
        }
        Instant now = ctx.clock().instant();
        TextTable table = TextTable.of(MIN_WIDTH, "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS",
                "ISOLATION", "NAMES");
        for (ContainerInfo c : containers) {
            String command = String.join(" ", c.command());
            table.row(trunc ? c.shortId() : c.id(), c.image(), GoQuote.quote(trunc ? ellipsis(command) : command),
                    ContainerStatus.ago(c.createdAt(), now), ContainerStatus.of(c, now), c.isolation().dockerName(),
                    c.name());
        }
        table.print(ctx.out());
        return 0;
    }

    /** docker's {@code Ellipsis(s, 20)}: at most 20 characters, the last one "…" when cut. */
    static String ellipsis(String s) {
        if (s.codePointCount(0, s.length()) <= COMMAND_WIDTH) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, COMMAND_WIDTH - 1)) + "…";
    }
}
