package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The attached half of {@code run}: streams the container's output until it ends and returns its exit code; a
 * JVM shutdown (Ctrl-C) meanwhile stops the container (and with {@code --rm} removes it) so that nothing is left
 * running. Confined to the invocation's thread, apart from the shutdown hook it registers for its duration.
 */
final class AttachedRun {

    /** The exit code when Ctrl-C ended the run (128 + SIGINT), as a shell reports it. */
    static final int INTERRUPTED = 130;
    /** Docker's {@code run} gives up on a container that ends without an exit code with its engine-error code. */
    static final int NO_EXIT_CODE = 125;
    private static final Duration CTRL_C_GRACE = Duration.ofSeconds(2);

    private final ContainerEngine engine;
    private final ShutdownHooks hooks;
    private final Duration poll;
    private final PrintStream out;
    private final PrintStream err;

    AttachedRun(ContainerEngine engine, ShutdownHooks hooks, Duration poll, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.hooks = hooks;
        this.poll = poll;
        this.out = out;
        this.err = err;
    }

    /** Attaches to the started container until it ends; {@code removeAfter} removes it then (docker's {@code --rm}). */
    int attach(ContainerInfo started, boolean removeAfter) throws IOException {
        String id = started.id();
        StopOnShutdown guard = new StopOnShutdown(id, removeAfter);
        hooks.add(guard.thread);
        ContainerInfo ended;
        try {
            ended = new LogFollower(engine, poll).follow(id, new LogPrinter(out, false));
        } catch (IOException | RuntimeException e) {
            if (guard.disarm()) {
                // Ctrl-C stopped (and maybe removed) the container under the follower; that is not a failure.
                return INTERRUPTED;
            }
            stopQuietly(id, removeAfter, e);
            throw e;
        }
        if (guard.disarm()) {
            return INTERRUPTED;
        }
        if (removeAfter) {
            engine.remove(id, true);
        }
        if (ended.exitCode() != null) {
            return ended.exitCode();
        }
        err.println("isoscope: container " + ended.name() + " ended without an exit code"
                + (ended.reason() == null ? "" : ": " + ended.reason()));
        return NO_EXIT_CODE;
    }

    /** After a failed follow the container must not keep running unattended. */
    private void stopQuietly(String id, boolean remove, Exception failure) {
        try {
            engine.stop(id, CTRL_C_GRACE);
            if (remove) {
                engine.remove(id, true);
            }
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** The shutdown hook: stop (and remove) the container, and let the attached thread wait for that. */
    private final class StopOnShutdown implements Runnable {
        private final String id;
        private final boolean remove;
        private final Thread thread = new Thread(this, "isoscope-run-shutdown");
        private final CountDownLatch done = new CountDownLatch(1);

        StopOnShutdown(String id, boolean remove) {
            this.id = id;
            this.remove = remove;
        }

        @Override
        public void run() {
            try {
                engine.stop(id, CTRL_C_GRACE);
                if (remove) {
                    engine.remove(id, true);
                }
            } catch (RuntimeException e) {
                err.println("isoscope: Error response from engine: " + e.getMessage());
            } finally {
                done.countDown();
            }
        }

        /**
         * Unregisters the hook; returns {@code true} when shutdown had already begun, after the hook finished, so
         * the caller neither touches the container again nor lets the engine close under the hook.
         */
        boolean disarm() {
            if (hooks.remove(thread)) {
                return false;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
    }
}
