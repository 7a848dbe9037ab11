package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineException;

import java.util.List;

/** {@code top CONTAINER}: the container's own process table, with each process's host PID. Confined to the invocation's thread. */
final class TopCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("top", "Display the running processes of a container",
            "CONTAINER", List.of(), true);

    TopCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        String ref = args.exactly(1).get(0);
        ContainerInfo c = ctx.engine().inspect(ref);
        if (!c.isRunning()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "container " + c.id() + " is not running");
        }
        ProcessTables.containerSide(ProcessTables.sortContainerSide(ctx.engine().processes(c.id()))).print(ctx.out());
        return 0;
    }
}
