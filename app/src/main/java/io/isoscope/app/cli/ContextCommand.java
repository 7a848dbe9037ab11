package io.isoscope.app.cli;

/**
 * A sub-command that works through the invocation's {@link CliContext}: holds the context and the command's
 * syntax. Confined to the invocation's thread.
 */
abstract class ContextCommand implements Command {

    /** The engine, streams and clock of this invocation. */
    protected final CliContext ctx;
    private final CommandSyntax syntax;

    ContextCommand(CliContext ctx, CommandSyntax syntax) {
        this.ctx = ctx;
        this.syntax = syntax;
    }

    @Override
    public final CommandSyntax syntax() {
        return syntax;
    }
}
