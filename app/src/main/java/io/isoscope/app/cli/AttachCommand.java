package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code attach [--no-stdin] CONTAINER}: the local terminal becomes the container's (it must have been run with
 * {@code -it}); Ctrl-P Ctrl-Q detaches and leaves it running. Exits with the container's exit code when it ends
 * meanwhile, 0 after a detach. Confined to the invocation's thread.
 */
final class AttachCommand extends ContextCommand {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private static final CommandSyntax SYNTAX = new CommandSyntax("attach",
            "Attach the local terminal to a running container's (detach with Ctrl-P Ctrl-Q)", "CONTAINER", List.of(
            Option.flag("no-stdin", "Do not attach STDIN")), true);

    private final LocalTerminal terminal;

    AttachCommand(CliContext ctx, LocalTerminal terminal) {
        super(ctx, SYNTAX);
        this.terminal = terminal;
    }

    @Override
    public int execute(ParsedArgs args) {
        String container = args.exactly(1).get(0);
        ContainerEngine engine = ctx.engine();
        ConsoleSession session = engine.attach(container);
        try {
            ConsoleRelay.Outcome outcome = new ConsoleRelay(terminal, ctx.out()).relay(session, !args.flag("no-stdin"), true);
            if (outcome.detached()) {
                return 0;
            }
            if (outcome.exitCode().isPresent()) {
                return outcome.exitCode().getAsInt();
            }
            ContainerInfo ended = engine.awaitExit(container, EXIT_WAIT);
            return ended.exitCode() != null ? ended.exitCode() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("the console of " + container + " failed: " + e.getMessage(), e);
        }
    }
}
