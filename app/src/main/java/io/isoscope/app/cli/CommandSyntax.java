package io.isoscope.app.cli;

import java.util.List;

/**
 * What a command line of one sub-command looks like. Immutable, thread-safe.
 *
 * @param name          the sub-command, e.g. {@code run}
 * @param summary       one line for the command list
 * @param operands      the operands part of the usage line, e.g. {@code IMAGE [COMMAND] [ARG...]}
 * @param options       the flags it accepts ({@code -h, --help} is implied)
 * @param interspersed  whether flags may follow operands; {@code false} makes the first operand end the flags, as
 *                      {@code docker run} does so that the container's own command keeps its flags
 */
record CommandSyntax(String name, String summary, String operands, List<Option> options, boolean interspersed) {

    CommandSyntax {
        options = List.copyOf(options);
    }

    /** The usage line, e.g. {@code isoscope run [OPTIONS] IMAGE [COMMAND] [ARG...]}. */
    String usageLine() {
        StringBuilder sb = new StringBuilder("isoscope ").append(name);
        if (!options.isEmpty()) {
            sb.append(" [OPTIONS]");
        }
        if (!operands.isEmpty()) {
            sb.append(' ').append(operands);
        }
        return sb.toString();
    }
}
