package io.isoscope.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a sub-command's words into flags and operands the way docker's flag library (pflag) does:
 * {@code --name value}, {@code --name=value}, {@code -n value}, {@code -nvalue}, grouped booleans {@code -aq},
 * {@code --} ending the flags, a lone {@code -} being an operand, and {@code -h}/{@code --help} everywhere.
 * Stateless, thread-safe.
 */
final class ArgParser {

    private ArgParser() {
    }

    /** Parses {@code words} (the words after the sub-command) against {@code syntax}; throws {@link UsageException}. */
    static ParsedArgs parse(CommandSyntax syntax, List<String> words) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean help = false;
        boolean flagsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (flagsEnded || word.equals("-") || !word.startsWith("-")) {
                operands.add(word);
                flagsEnded |= !syntax.interspersed();
            } else if (word.equals("--")) {
                flagsEnded = true;
            } else if (word.equals("--help") || word.equals("-h")) {
                help = true;
            } else if (word.startsWith("--")) {
                i = longFlag(syntax, words, i, values);
            } else {
                i = shortFlags(syntax, words, i, values);
            }
        }
        return new ParsedArgs(syntax.name(), values, operands, help);
    }

    /** Handles {@code --name[=value]} at {@code i}; returns the index of the last word it consumed. */
    private static int longFlag(CommandSyntax syntax, List<String> words, int i, Map<String, List<String>> values) {
        String body = words.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Option option = syntax.options().stream().filter(o -> o.answersTo(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown flag: --" + name));
        String value;
        if (!option.takesValue()) {
            value = eq < 0 ? "true" : parseBoolean(option, body.substring(eq + 1));
        } else if (eq >= 0) {
            value = body.substring(eq + 1);
        } else if (i + 1 < words.size()) {
            value = words.get(++i);
        } else {
            throw new UsageException("flag needs an argument: --" + name);
        }
        values.computeIfAbsent(option.name(), k -> new ArrayList<>()).add(value);
        return i;
    }

    /** Handles {@code -abc} or {@code -nvalue}/{@code -n value} at {@code i}; returns the last index consumed. */
    private static int shortFlags(CommandSyntax syntax, List<String> words, int i, Map<String, List<String>> values) {
        String word = words.get(i);
        for (int j = 1; j < word.length(); j++) {
            char c = word.charAt(j);
            Option option = find(syntax, c)
                    .orElseThrow(() -> new UsageException("unknown shorthand flag: '" + c + "' in " + word));
            String value;
            if (!option.takesValue()) {
                value = "true";
            } else if (j + 1 < word.length()) {
                String rest = word.substring(j + 1);
                value = rest.startsWith("=") ? rest.substring(1) : rest;
                j = word.length();
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new UsageException("flag needs an argument: '" + c + "' in " + word);
            }
            values.computeIfAbsent(option.name(), k -> new ArrayList<>()).add(value);
        }
        return i;
    }

    private static Optional<Option> find(CommandSyntax syntax, char shortName) {
        return syntax.options().stream().filter(o -> o.shortName() == shortName).findFirst();
    }

    private static String parseBoolean(Option option, String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.toLowerCase(Locale.ROOT);
        }
        throw new UsageException("invalid argument \"" + text + "\" for \"" + option.spelling().trim()
                + "\" flag: expected true or false");
    }
}
