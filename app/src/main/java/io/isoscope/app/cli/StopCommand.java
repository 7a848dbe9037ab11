package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;

import java.time.Duration;
import java.util.List;

/** {@code stop [-t SECONDS] CONTAINER...}: SIGTERM, then SIGKILL after the grace period. Confined to the invocation's thread. */
final class StopCommand extends ContextCommand {

    /** docker's default grace period. */
    private static final int DEFAULT_TIMEOUT = 10;

    private static final CommandSyntax SYNTAX = new CommandSyntax("stop", "Stop one or more running containers",
            "CONTAINER [CONTAINER...]", List.of(
            Option.value('t', "timeout", "int", "Seconds to wait before killing the container (default 10)")
                    .withAlias("time")), true);

    StopCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> refs = args.atLeast(1);
        Duration grace = Duration.ofSeconds(args.value("timeout").map(StopCommand::seconds).orElse(DEFAULT_TIMEOUT));
        ContainerEngine engine = ctx.engine();
        return EachContainer.apply(ctx, refs, ref -> engine.stop(ref, grace));
    }

    private static int seconds(String text) {
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like any other bad value
        }
        throw new UsageException("invalid argument \"" + text + "\" for \"-t, --timeout\" flag: expected seconds (0 or more)");
    }
}
