package io.isoscope.app.cli;

import io.isoscope.engine.api.EngineException;

import java.util.List;
import java.util.function.Consumer;

/**
 * docker's way with {@code stop/kill/rm A B C}: act on each in turn, print each reference as given once done,
 * report each failure and go on, exit 1 if any failed. Stateless, thread-safe.
 */
final class EachContainer {

    private EachContainer() {
    }

    /** Applies {@code action} to every reference; returns the exit code. */
    static int apply(CliContext ctx, List<String> refs, Consumer<String> action) {
        int code = 0;
        for (String ref : refs) {
            try {
                action.accept(ref);
                ctx.out().println(ref);
            } catch (EngineException e) {
                ctx.printEngineError(e);
                code = 1;
            }
        }
        return code;
    }
}
