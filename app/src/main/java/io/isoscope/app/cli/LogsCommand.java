package io.isoscope.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code logs [-f] [-t] CONTAINER}: the container's combined output; {@code -f} keeps printing until it stops,
 * {@code -t} puts each line's time in front of it as docker does. Confined to the invocation's thread.
 */
final class LogsCommand extends ContextCommand {

    private static final Duration POLL = Duration.ofMillis(100);

    private static final CommandSyntax SYNTAX = new CommandSyntax("logs", "Fetch the logs of a container", "CONTAINER",
            List.of(Option.flag('f', "follow", "Follow log output until the container stops"),
                    Option.flag('t', "timestamps", "Show timestamps")), true);

    LogsCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        String ref = args.exactly(1).get(0);
        boolean timestamps = args.flag("timestamps");
        if (!args.flag("follow") && !timestamps) {
            ctx.out().print(ctx.engine().logs(ref));
            ctx.out().flush();
            return 0;
        }
        LogFollower follower = new LogFollower(ctx.engine(), POLL);
        LogPrinter printer = new LogPrinter(ctx.out(), timestamps);
        try {
            if (args.flag("follow")) {
                follower.follow(ref, printer);
            } else {
                follower.printAll(ref, printer);
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + ref + ": " + e.getMessage(), e);
        }
    }
}
