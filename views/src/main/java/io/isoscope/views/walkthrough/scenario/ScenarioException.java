package io.isoscope.views.walkthrough.scenario;

import java.util.List;

/** A scenario file that cannot be used, with every problem found in it, each saying what to change. */
public final class ScenarioException extends Exception {

    private final String source;
    private final List<String> problems;

    /** {@code source} (a file name) could not be used because of {@code problems} (at least one). */
    public ScenarioException(String source, List<String> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or resource) name. */
    public String source() {
        return source;
    }

    /** The problems, one sentence each, in file order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + " is not a usable walkthrough scenario: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(source).append(" is not a usable walkthrough scenario (")
                .append(problems.size()).append(" problems):");
        problems.forEach(p -> sb.append("\n• ").append(p));
        return sb.toString();
    }
}
