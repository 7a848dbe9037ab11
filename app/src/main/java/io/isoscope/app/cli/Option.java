package io.isoscope.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One flag a command accepts, pflag style: {@code -d, --detach} or {@code -e, --env list}. Immutable, thread-safe.
 *
 * @param name        the long name without dashes; also the key under which {@link ParsedArgs} holds its values
 * @param shortName   the one-letter name, or {@code 0} when there is none
 * @param aliases     further long names accepted for it (e.g. an old spelling)
 * @param valueName   what its value is called in help ("string", "list", "int"), or {@code null} for a boolean flag
 * @param description one line for the help text
 */
record Option(String name, char shortName, List<String> aliases, String valueName, String description) {

    /** The {@code shortName} of an option that has none. */
    static final char NO_SHORT_NAME = 0;

    Option {
        aliases = List.copyOf(aliases);
    }

    /** A boolean flag. */
    static Option flag(char shortName, String name, String description) {
        return new Option(name, shortName, List.of(), null, description);
    }

    /** A boolean flag with only a long name. */
    static Option flag(String name, String description) {
        return flag(NO_SHORT_NAME, name, description);
    }

    /** A flag with only a long name that takes a value. */
    static Option value(String name, String valueName, String description) {
        return value(NO_SHORT_NAME, name, valueName, description);
    }

    /** A flag that takes a value. */
    static Option value(char shortName, String name, String valueName, String description) {
        return new Option(name, shortName, List.of(), valueName, description);
    }

    /** The same option also answering to {@code --alias}. */
    Option withAlias(String alias) {
        List<String> all = new ArrayList<>(aliases);
        all.add(alias);
        return new Option(name, shortName, all, valueName, description);
    }

    /** Whether it takes a value. */
    boolean takesValue() {
        return valueName != null;
    }

    /** Whether {@code longName} (without dashes) names this option. */
    boolean answersTo(String longName) {
        return name.equals(longName) || aliases.contains(longName);
    }

    /** How help and error messages spell it, e.g. {@code -t, --timeout}. */
    String spelling() {
        return (shortName != NO_SHORT_NAME ? "-" + shortName + ", " : "    ") + "--" + name;
    }
}
