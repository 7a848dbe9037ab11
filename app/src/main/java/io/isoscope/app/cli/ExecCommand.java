package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code exec [-d] [-i] [-t] CONTAINER COMMAND [ARG...]}: runs a command in a running container, with docker's
 * exit codes: the command's own, 126 when it cannot be run, 127 when it does not exist, 1 when the container
 * cannot take it (not running, unknown). Confined to the invocation's thread.
 */
final class ExecCommand extends ContextCommand {

    /** docker's exit code when the command exists but cannot be invoked. */
    static final int CANNOT_INVOKE = 126;
    /** docker's exit code when the command does not exist in the container. */
    static final int NOT_FOUND = 127;

    private static final CommandSyntax SYNTAX = new CommandSyntax("exec", "Execute a command in a running container",
            "CONTAINER COMMAND [ARG...]", List.of(
            Option.flag('d', "detach", "Detached mode: run command in the background"),
            Option.flag('i', "interactive", "Keep STDIN open even if not attached"),
            Option.flag('t', "tty", "Allocate a pseudo-TTY")),
            false);

    private final LocalTerminal terminal;

    ExecCommand(CliContext ctx, LocalTerminal terminal) {
        super(ctx, SYNTAX);
        this.terminal = terminal;
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> words = args.atLeast(2);
        boolean detach = args.flag("detach");
        boolean interactive = args.flag("interactive");
        boolean tty = args.flag("tty");
        if (interactive && tty && !detach && !terminal.isTerminal()) {
            ctx.err().println("isoscope: the input device is not a TTY");
            return 1;
        }
        // Without a terminal, stderr stays apart and goes to this command's stderr, as docker exec keeps it.
        ConsoleSession session = ctx.engine().exec(words.get(0), words.subList(1, words.size()), tty, !tty);
        if (detach) {
            session.disown();
            return 0;
        }
        try {
            ConsoleRelay.Outcome outcome = new ConsoleRelay(terminal, ctx.out(), ctx.err()).relay(session, interactive, tty);
            if (outcome.detached()) {
                return 0;
            }
            if (outcome.exitCode().isEmpty()) {
                ctx.err().println("isoscope: the exec'd process ended without reporting an exit code (its monitor went away)");
                return 1;
            }
            return outcome.exitCode().getAsInt();
        } catch (IOException e) {
            throw new UncheckedIOException("the exec session failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int exitCodeFor(RuntimeException failure) {
        if (failure instanceof EngineException e) {
            return switch (e.kind()) {
                case COMMAND_NOT_FOUND -> NOT_FOUND;
                case RUNTIME_FAILED -> CANNOT_INVOKE;
                default -> 1;
            };
        }
        return 1;
    }
}
