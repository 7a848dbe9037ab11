package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;

import java.util.List;

/** {@code kill CONTAINER...}: SIGKILL. Confined to the invocation's thread. */
final class KillCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("kill", "Kill one or more running containers",
            "CONTAINER [CONTAINER...]", List.of(), true);

    KillCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> refs = args.atLeast(1);
        ContainerEngine engine = ctx.engine();
        return EachContainer.apply(ctx, refs, engine::kill);
    }
}
