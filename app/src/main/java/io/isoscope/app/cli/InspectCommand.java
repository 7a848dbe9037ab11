package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.InspectDocument;

import java.util.ArrayList;
import java.util.List;

/** {@code inspect CONTAINER...}: a JSON array with one ContainerInfo object per container, as docker prints it. Confined to the invocation's thread. */
final class InspectCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("inspect",
            "Display detailed information on one or more containers", "CONTAINER [CONTAINER...]", List.of(), true);

    InspectCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        List<ContainerInfo> found = new ArrayList<>();
        int code = 0;
        List<String> refs = args.atLeast(1);
        ContainerEngine engine = ctx.engine();
        for (String ref : refs) {
            try {
                found.add(engine.inspect(ref));
            } catch (EngineException e) {
                ctx.printEngineError(e);
                code = 1;
            }
        }
        ctx.out().println(new InspectDocument(found).json());
        return code;
    }
}
