package io.isoscope.app.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line split into flag values (keyed by the option's long name) and operands. Immutable, thread-safe.
 *
 * @param command  the sub-command's name, for error messages
 * @param values   every value given per option, in order; a boolean flag holds "true"/"false"
 * @param operands the non-flag words, in order
 * @param help     whether {@code -h}/{@code --help} was given
 */
record ParsedArgs(String command, Map<String, List<String>> values, List<String> operands, boolean help) {

    ParsedArgs {
        values = Map.copyOf(values);
        operands = List.copyOf(operands);
    }

    /** Whether a boolean flag is set (its last occurrence wins, as with pflag). */
    boolean flag(String name) {
        return value(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** The last value given for an option. */
    Optional<String> value(String name) {
        List<String> all = values(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every value given for a repeatable option. */
    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The operands, after checking there are exactly {@code count}; throws {@link UsageException} otherwise. */
    List<String> exactly(int count) {
        if (operands.size() != count) {
            throw new UsageException("'isoscope " + command + "' requires exactly " + count + " argument"
                    + (count == 1 ? "" : "s") + ".");
        }
        return operands;
    }

    /** The operands, after checking there are at least {@code count}; throws {@link UsageException} otherwise. */
    List<String> atLeast(int count) {
        if (operands.size() < count) {
            throw new UsageException("'isoscope " + command + "' requires at least " + count + " argument"
                    + (count == 1 ? "" : "s") + ".");
        }
        return operands;
    }

    /** The operands, after checking there are none; throws {@link UsageException} otherwise. */
    List<String> none() {
        if (!operands.isEmpty()) {
            throw new UsageException("'isoscope " + command + "' accepts no arguments.");
        }
        return operands;
    }
}
