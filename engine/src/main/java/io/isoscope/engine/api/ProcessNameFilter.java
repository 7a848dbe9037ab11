package io.isoscope.engine.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PowerShell's {@code get-process -Name NAME}: case-insensitive, {@code *} and {@code ?} wildcards, and its
 * message when nothing matches. Immutable, thread-safe.
 */
public final class ProcessNameFilter {

    private final String name;
    private final Pattern pattern;

    /** A filter for {@code name}; a blank name matches every process. */
    public ProcessNameFilter(String name) {
        this.name = name == null ? "" : name.trim();
        this.pattern = this.name.isEmpty() ? null : Pattern.compile(toRegex(this.name), Pattern.CASE_INSENSITIVE);
    }

    /** Whether a process with short name {@code processName} matches. */
    public boolean matches(String processName) {
        return pattern == null || (processName != null && pattern.matcher(processName).matches());
    }

    /** The rows whose name matches, in their order. */
    public List<HostProcess> apply(List<HostProcess> rows) {
        return rows.stream().filter(p -> matches(p.name())).toList();
    }

    /** Whether any name was given. */
    public boolean isActive() {
        return pattern != null;
    }

    /** get-process's own words when nothing matches. */
    public String notFoundMessage() {
        return "Cannot find a process with the name \"" + name + "\". Verify the process name and call the cmdlet again.";
    }

    private static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '*') {
                sb.append(".*");
            } else if (c == '?') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
