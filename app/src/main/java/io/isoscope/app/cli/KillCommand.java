package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;

import java.util.List;

/** {@code kill CONTAINER...}: SIGKILL. Confined to the invocation's thread. */
final class KillCommand implements Command {

    private static final CommandSyntax SYNTAX = new CommandSyntax("kill", "Kill one or more running containers",
            "CONTAINER [CONTAINER...]", List.of(), true);

    private final CliContext ctx;

    KillCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> refs = args.atLeast(1);
        ContainerEngine engine = ctx.engine();
        return EachContainer.apply(ctx, refs, engine::kill);
    }
}
