package io.isoscope.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** {@code logs [-f] CONTAINER}: the container's combined output; {@code -f} keeps copying until it stops. Confined to the invocation's thread. */
final class LogsCommand extends ContextCommand {

    private static final Duration POLL = Duration.ofMillis(100);

    private static final CommandSyntax SYNTAX = new CommandSyntax("logs", "Fetch the logs of a container", "CONTAINER",
            List.of(Option.flag('f', "follow", "Follow log output until the container stops")), true);

    LogsCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        String ref = args.exactly(1).get(0);
        if (!args.flag("follow")) {
            ctx.out().print(ctx.engine().logs(ref));
            ctx.out().flush();
            return 0;
        }
        try {
            new LogFollower(ctx.engine(), POLL).follow(ref, ctx.out());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + ref + ": " + e.getMessage(), e);
        }
    }
}
