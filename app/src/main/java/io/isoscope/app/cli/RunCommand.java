package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.LimitSyntax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code run [-d] [-i] [-t] [--rm] [--isolation=process|hyperv] [--name N] [-e K=V]... [-m MEM] [--cpus N]
 * [--pids-limit N] IMAGE [COMMAND] [ARG...]}; with {@code -t} the container runs on a terminal that
 * {@code -it} makes the local one (see {@link TerminalRun}). A value that is not a number is a usage error (exit 2); whether a number fits is the
 * engine's verdict (exit 125, as docker's daemon refuses it). Confined to the invocation's thread.
 */
final class RunCommand extends ContextCommand {

    /** docker's exit code for a failure of the engine itself. */
    static final int ENGINE_ERROR = 125;
    /** docker's exit code when the container's command does not exist. */
    static final int COMMAND_NOT_FOUND = 127;
    private static final Duration POLL = Duration.ofMillis(100);

    private static final CommandSyntax SYNTAX = new CommandSyntax("run", "Create and run a new container",
            "IMAGE [COMMAND] [ARG...]", List.of(
            Option.flag('d', "detach", "Run container in background and print container ID"),
            Option.value('e', "env", "list", "Set environment variables (KEY=VALUE)"),
            Option.flag('i', "interactive", "Keep STDIN open (with -t: type into the container's terminal)"),
            Option.flag('t', "tty", "Allocate a pseudo-TTY"),
            Option.value("cpus", "int", "Number of CPUs (hyperv: the VM's vCPUs)"),
            Option.value("isolation", "string", "Container isolation technology (process or hyperv)"),
            Option.value('m', "memory", "bytes", "Memory limit, e.g. 256m or 1g (hyperv: the VM's RAM)"),
            Option.value("name", "string", "Assign a name to the container"),
            Option.value("pids-limit", "int", "Tune container pids limit (set -1 for unlimited; default "
                    + ContainerSpec.DEFAULT_PIDS_LIMIT + "; process isolation only)"),
            Option.flag("rm", "Automatically remove the container when it exits")),
            false);

    private final ShutdownHooks hooks;
    private final LocalTerminal terminal;

    RunCommand(CliContext ctx, ShutdownHooks hooks, LocalTerminal terminal) {
        super(ctx, SYNTAX);
        this.hooks = hooks;
        this.terminal = terminal;
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> words = args.atLeast(1);
        boolean detach = args.flag("detach");
        boolean rm = args.flag("rm");
        boolean tty = args.flag("tty");
        boolean interactive = args.flag("interactive");
        if (interactive && !tty) {
            throw new UsageException("-i needs -t here: a container's stdin is open only on a terminal (use -it)");
        }
        if (interactive && !detach && !terminal.isTerminal()) {
            ctx.err().println("isoscope: the input device is not a TTY");
            return 1;
        }
        for (String e : args.values("env")) {
            if (e.indexOf('=') <= 0) {
                throw new UsageException("invalid environment variable: " + e + " (expected KEY=VALUE)");
            }
        }
        // Attached, the CLI removes the container itself after draining its log; left to the engine, the log
        // and the container could vanish before the last bytes are copied.
        ContainerSpec spec = new ContainerSpec(words.get(0), words.subList(1, words.size()),
                args.value("name").orElse(null), isolation(args), args.values("env"), rm && detach,
                args.value("memory").map(RunCommand::mebibytes).orElse(0),
                args.value("cpus").map(RunCommand::count).orElse(0),
                args.value("pids-limit").map(RunCommand::pids).orElse(0), tty);
        ContainerEngine engine = ctx.engine();
        ContainerInfo started = engine.run(spec);
        if (detach) {
            ctx.out().println(started.id());
            return 0;
        }
        try {
            if (tty) {
                return new TerminalRun(engine, terminal, ctx.out(), ctx.err()).attach(started, interactive, rm);
            }
            return new AttachedRun(engine, hooks, POLL, ctx.out(), ctx.err()).attach(started, rm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + started.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int exitCodeFor(RuntimeException failure) {
        return failure instanceof EngineException e && e.kind() == EngineException.Kind.COMMAND_NOT_FOUND
                ? COMMAND_NOT_FOUND : ENGINE_ERROR;
    }

    /** docker's memory syntax: a number with an optional k/m/g suffix (bytes when bare), in whole MiB. */
    static int mebibytes(String text) {
        try {
            return LimitSyntax.memoryMiB(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid argument \"" + text + "\" for \"-m, --memory\" flag: " + e.getMessage());
        }
    }

    private static int count(String text) {
        try {
            return LimitSyntax.cpus(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid argument \"" + text + "\" for \"--cpus\" flag: " + e.getMessage());
        }
    }

    private static int pids(String text) {
        try {
            return LimitSyntax.pidsLimit(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid argument \"" + text + "\" for \"--pids-limit\" flag: " + e.getMessage());
        }
    }

    private static Isolation isolation(ParsedArgs args) {
        try {
            return args.value("isolation").map(Isolation::parse).orElse(Isolation.PROCESS);
        } catch (EngineException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
