package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The attached half of {@code run -t} / {@code run -it}: the local terminal becomes the container's until it ends
 * (its exit code is the run's) or the user detaches with Ctrl-P Ctrl-Q (0, and the container runs on). Confined to
 * the invocation's thread.
 */
final class TerminalRun {

    /** How long the engine may take to record the end of a container whose terminal closed. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final ContainerEngine engine;
    private final ConsoleRelay relay;
    private final PrintStream out;
    private final PrintStream err;

    TerminalRun(ContainerEngine engine, LocalTerminal terminal, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.relay = new ConsoleRelay(terminal, out);
        this.out = out;
        this.err = err;
    }

    /** Attaches to the started container; {@code input} relays the keyboard (-i); {@code removeAfter} is --rm. */
    int attach(ContainerInfo started, boolean input, boolean removeAfter) throws IOException {
        String id = started.id();
        ConsoleSession session;
        try {
            session = engine.attach(id);
        } catch (EngineException e) {
            if (e.kind() != EngineException.Kind.CONFLICT || engine.inspect(id).isRunning()) {
                throw e;
            }
            // It ended before the console could attach (e.g. run -it busybox true): its terminal output is logged.
            out.print(engine.logs(id));
            out.flush();
            return ended(id, removeAfter);
        }
        ConsoleRelay.Outcome outcome = relay.relay(session, input, true);
        if (outcome.detached()) {
            return 0;
        }
        int code = ended(id, removeAfter);
        return outcome.exitCode().orElse(code);
    }

    private int ended(String id, boolean removeAfter) {
        ContainerInfo info = engine.awaitExit(id, EXIT_WAIT);
        if (removeAfter && !info.isRunning()) {
            engine.remove(id, true);
        }
        if (info.exitCode() != null) {
            return info.exitCode();
        }
        err.println("isoscope: container " + info.name() + " ended without an exit code"
                + (info.reason() == null ? "" : ": " + info.reason()));
        return AttachedRun.NO_EXIT_CODE;
    }
}
