package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.RuntimeReadiness;

import java.io.PrintStream;
import java.util.List;

/** {@code info}: container and image counts and, per isolation, whether it can run here or why not and the fix. Confined to the invocation's thread. */
final class InfoCommand extends ContextCommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("info",
            "Display system-wide information: which isolations can run here, and how to fix those that cannot", "",
            List.of(), true);

    InfoCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        args.none();
        PrintStream out = ctx.out();
        List<ContainerInfo> all = ctx.engine().list(true);
        long running = all.stream().filter(ContainerInfo::isRunning).count();
        out.println("Containers: " + all.size());
        out.println(" Running: " + running);
        out.println(" Stopped: " + (all.size() - running));
        out.println("Images: " + ctx.engine().images().size());
        out.println("Isolation:");
        for (RuntimeReadiness r : ctx.engine().readiness()) {
            out.println(" " + r.isolation().dockerName() + ": " + (r.available() ? "available" : "not available"));
            printIfSet(out, "Runtime", r.runtime());
            printIfSet(out, "Reason", r.reason());
            printIfSet(out, "Fix", r.fix());
        }
        return 0;
    }

    private static void printIfSet(PrintStream out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.println("  " + key + ": " + value);
        }
    }
}
