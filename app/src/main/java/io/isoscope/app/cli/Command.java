package io.isoscope.app.cli;

/** One sub-command of the CLI. Implementations are confined to the invocation's thread. */
interface Command {

    /** Its name, flags and help. */
    CommandSyntax syntax();

    /**
     * Runs it and returns the exit code. May throw {@link UsageException} (exit 2) or an engine failure, which the
     * caller prints and maps through {@link #exitCodeFor}.
     */
    int execute(ParsedArgs args);

    /** The exit code when {@code failure} escaped {@link #execute}; docker's CLI uses 1 outside {@code run}. */
    default int exitCodeFor(RuntimeException failure) {
        return 1;
    }
}
