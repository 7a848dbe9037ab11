package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineException;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code isoscope} command line: docker's spelling, output and exit codes for {@code run}, {@code ps},
 * {@code top}, ..., plus {@code host-ps} and {@code compare} for the host's view. One instance per invocation;
 * not thread-safe.
 */
public final class Cli {

    /** The exit code of a command line that cannot be understood. */
    public static final int USAGE_ERROR = 2;

    private final Supplier<ContainerEngine> engine;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final ShutdownHooks hooks;
    private final LocalTerminal terminal;

    /**
     * A CLI that opens the engine with {@code engine} only when a command needs it (and closes it when done),
     * prints to {@code out} and {@code err}, and measures "5 seconds ago" against {@code clock}.
     */
    public Cli(Supplier<ContainerEngine> engine, PrintStream out, PrintStream err, Clock clock) {
        this(engine, out, err, clock, ShutdownHooks.jvm());
    }

    /** As above, with the shutdown hooks an attached {@code run} registers for Ctrl-C. */
    Cli(Supplier<ContainerEngine> engine, PrintStream out, PrintStream err, Clock clock, ShutdownHooks hooks) {
        this(engine, out, err, clock, hooks, new SttyTerminal(hooks));
    }

    /** As above, with the local terminal that {@code run -it}, {@code attach} and {@code exec -it} use. */
    Cli(Supplier<ContainerEngine> engine, PrintStream out, PrintStream err, Clock clock, ShutdownHooks hooks,
        LocalTerminal terminal) {
        this.terminal = terminal;
        this.engine = engine;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.hooks = hooks;
    }

    /** Runs the command line {@code args} (without the program name) and returns the process exit code. */
    public int run(List<String> args) {
        try (CliContext ctx = new CliContext(engine, out, err, clock)) {
            return dispatch(List.copyOf(args), ctx);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(List<String> args, CliContext ctx) {
        Map<String, Command> commands = commands(ctx);
        HelpCommand help = (HelpCommand) commands.get("help");
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            help.printOverview();
            return 0;
        }
        String name = args.get(0);
        Command command = commands.get(name);
        if (command == null) {
            return usageError(name.startsWith("-") ? "unknown flag: " + name
                    : "'" + name + "' is not an isoscope command.");
        }
        ParsedArgs parsed;
        try {
            parsed = ArgParser.parse(command.syntax(), args.subList(1, args.size()));
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (parsed.help()) {
            help.printCommand(command.syntax());
            return 0;
        }
        try {
            return command.execute(parsed);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (EngineException e) {
            ctx.printEngineError(e);
            return command.exitCodeFor(e);
        } catch (RuntimeException e) {
            // Not the engine's verdict but something around it (opening it, reading a log): say what, no trace.
            err.println("isoscope: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return command.exitCodeFor(e);
        }
    }

    private Map<String, Command> commands(CliContext ctx) {
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new RunCommand(ctx, hooks, terminal), new ExecCommand(ctx, terminal),
                new AttachCommand(ctx, terminal), new PsCommand(ctx), new TopCommand(ctx),
                new HostPsCommand(ctx), new CompareCommand(ctx), new LogsCommand(ctx), new StopCommand(ctx),
                new KillCommand(ctx), new RmCommand(ctx), new InspectCommand(ctx),
                new ImagesCommand(ctx), new InfoCommand(ctx),
                new StatsCommand(ctx))) {
            commands.put(c.syntax().name(), c);
        }
        commands.put("help", new HelpCommand(commands, out));
        return commands;
    }

    private int usageError(String message) {
        err.println("isoscope: " + message);
        err.println("See 'isoscope help'.");
        return USAGE_ERROR;
    }
}
