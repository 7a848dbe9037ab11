package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;

import java.util.List;

/** {@code rm [-f] CONTAINER...}: removes containers; {@code -f} kills running ones first. Confined to the invocation's thread. */
final class RmCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("rm", "Remove one or more containers",
            "CONTAINER [CONTAINER...]", List.of(
            Option.flag('f', "force", "Force the removal of a running container (uses SIGKILL)")), true);

    RmCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        boolean force = args.flag("force");
        List<String> refs = args.atLeast(1);
        ContainerEngine engine = ctx.engine();
        return EachContainer.apply(ctx, refs, ref -> engine.remove(ref, force));
    }
}
