package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What commands share during one invocation: the engine (opened on first use, closed at the end), the output
 * streams and the clock. Confined to the invocation's thread.
 */
final class CliContext implements AutoCloseable {

    private final Supplier<ContainerEngine> opener;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private ContainerEngine engine;

    CliContext(Supplier<ContainerEngine> opener, PrintStream out, PrintStream err, Clock clock) {
        this.opener = opener;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /**
     * The engine, opened by the first call so that help and usage errors never touch the state directory. What it
     * had to repair on opening goes to standard error once, before the command's own output.
     */
    ContainerEngine engine() {
        if (engine == null) {
            engine = opener.get();
            printWarnings(engine.warnings());
        }
        return engine;
    }

    private void printWarnings(List<EngineWarning> warnings) {
        for (EngineWarning w : warnings) {
            err.println("warning: " + w.message());
            if (w.detail() != null) {
                w.detail().lines().forEach(line -> err.println("  " + line));
            }
        }
    }

    /** Standard output: tables, ids, logs. */
    PrintStream out() {
        return out;
    }

    /** Standard error: messages. */
    PrintStream err() {
        return err;
    }

    /** "Now" for the human durations. */
    Clock clock() {
        return clock;
    }

    /** Prints an engine failure the way the docker CLI prints a daemon's. */
    void printEngineError(EngineException e) {
        err.println("isoscope: Error response from engine: " + e.getMessage());
    }

    /** Closes the engine if it was opened. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
