package io.isoscope.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code help [COMMAND]}: the command list, or one command's usage and flags. Confined to the invocation's thread. */
final class HelpCommand implements Command {

    private static final CommandSyntax SYNTAX = new CommandSyntax("help", "Show this help, or a command's", "[COMMAND]",
            List.of(), true);

    private final Map<String, Command> commands;
    private final PrintStream out;

    /** {@code commands} is the CLI's live registry, this one included. */
    HelpCommand(Map<String, Command> commands, PrintStream out) {
        this.commands = commands;
        this.out = out;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> topic = args.operands();
        if (topic.isEmpty()) {
            printOverview();
            return 0;
        }
        Command command = commands.get(topic.get(0));
        if (command == null) {
            throw new UsageException("unknown help topic '" + topic.get(0) + "'.");
        }
        printCommand(command.syntax());
        return 0;
    }

    /** The command list. */
    void printOverview() {
        out.println();
        out.println("Usage:  isoscope COMMAND");
        out.println();
        out.println("Run containers with process or Hyper-V (VM) isolation and compare what the container and the host see.");
        out.println();
        out.println("Commands:");
        TextTable table = TextTable.of(0, "", "");
        commands.values().forEach(c -> table.row(c.syntax().name(), c.syntax().summary()));
        table.lines().stream().skip(1).forEach(line -> out.println("  " + line));
        out.println();
        out.println("Run 'isoscope COMMAND --help' for more information on a command.");
    }

    /** One command's usage line, summary and flags, laid out like docker's. */
    void printCommand(CommandSyntax syntax) {
        out.println();
        out.println("Usage:  " + syntax.usageLine());
        out.println();
        out.println(syntax.summary());
        if (syntax.options().isEmpty()) {
            return;
        }
        out.println();
        out.println("Options:");
        TextTable table = TextTable.of(0, "", "");
        for (Option o : syntax.options()) {
            table.row(o.spelling() + (o.takesValue() ? " " + o.valueName() : ""), o.description());
        }
        table.lines().stream().skip(1).forEach(line -> out.println("  " + line));
    }
}
