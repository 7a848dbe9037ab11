package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays between the local terminal and a console session ({@code run -it}, {@code attach}, {@code exec}) until the
 * session's output ends or, on a terminal, the user detaches with Ctrl-P Ctrl-Q (docker's detach keys). With
 * {@code -it} the local terminal is raw meanwhile, so Ctrl-C reaches the container. Confined to the invocation's
 * thread, apart from the keyboard thread and (without a terminal) the stderr thread it starts.
 */
final class ConsoleRelay {

    private static final int CTRL_P = 0x10;
    private static final int CTRL_Q = 0x11;

    /** How a relay ended: detached by the user, or the session's end with the exit code it reported. */
    record Outcome(boolean detached, OptionalInt exitCode) {
    }

    /** How long the relay waits, once the output has ended, for the rest of stderr (it ends with the session). */
    private static final long STDERR_DRAIN_MILLIS = 10_000;

    private final LocalTerminal terminal;
    private final OutputStream out;
    private final OutputStream err;

    /** A relay to {@code out}; a session's stderr kept apart ({@link ConsoleSession#errorOutput()}) goes there too. */
    ConsoleRelay(LocalTerminal terminal, OutputStream out) {
        this(terminal, out, out);
    }

    /** A relay to {@code out}, and of a session's stderr kept apart to {@code err} (as docker exec without -t). */
    ConsoleRelay(LocalTerminal terminal, OutputStream out, OutputStream err) {
        this.terminal = terminal;
        this.out = out;
        this.err = err;
    }

    /**
     * Relays {@code session}: its output to the local screen and, with {@code input}, the keyboard to it;
     * {@code tty} when the session is a terminal (raw mode and window size then apply).
     */
    Outcome relay(ConsoleSession session, boolean input, boolean tty) throws IOException {
        AtomicBoolean detached = new AtomicBoolean();
        LocalTerminal.Restore raw = input && tty && terminal.isTerminal() ? terminal.raw() : () -> { };
        LocalTerminal.Restore resizes = () -> { };
        try {
            if (tty) {
                Runnable follow = () -> terminal.size().ifPresent(s -> session.resize(s.columns(), s.rows()));
                follow.run();
                resizes = terminal.onResize(follow);
            }
            if (input) {
                Thread keyboard = new Thread(() -> pumpKeyboard(session, tty, detached), "isoscope-keyboard");
                keyboard.setDaemon(true); // blocked in a read of stdin when the session ends; it must not hold the JVM
                keyboard.start();
            } else if (!tty) {
                session.input().close(); // like docker exec without -i: the process reads end-of-file
            }
            // Without a terminal the session may keep stderr apart: relayed on a thread of its own, so that neither
            // stream waits for the other to be read.
            Thread errors = tty ? null : new Thread(() -> copyErrors(session.errorOutput()), "isoscope-stderr");
            if (errors != null) {
                errors.setDaemon(true);
                errors.start();
            }
            InputStream screen = session.output();
            byte[] buf = new byte[8192];
            for (int n; (n = screen.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            if (errors != null) {
                awaitErrors(errors);
            }
            return new Outcome(detached.get(), session.exitCode());
        } finally {
            resizes.close();
            raw.close();
            session.close();
        }
    }

    private void copyErrors(InputStream errors) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = errors.read(buf)) >= 0; ) {
                err.write(buf, 0, n);
                err.flush();
            }
        } catch (IOException e) {
            // the session broke: its output stream reports it to the caller
        }
    }

    /** The output has ended, and so has the session: what is left of stderr follows at once. */
    private static void awaitErrors(Thread errors) throws IOException {
        try {
            errors.join(STDERR_DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while relaying the command's stderr");
        }
    }

    private void pumpKeyboard(ConsoleSession session, boolean tty, AtomicBoolean detached) {
        InputStream keys = terminal.keyboard();
        byte[] buf = new byte[4096];
        boolean afterCtrlP = false;
        try {
            for (int n; (n = keys.read(buf)) >= 0; ) {
                ByteArrayOutputStream typed = new ByteArrayOutputStream(n + 1);
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (tty && afterCtrlP) {
                        afterCtrlP = false;
                        if (b == CTRL_Q) {
                            session.input().write(typed.toByteArray());
                            detached.set(true);
                            session.disown(); // an exec'd process runs on, as after docker's detach
                            return;
                        }
                        typed.write(CTRL_P);
                    }
                    if (tty && b == CTRL_P) {
                        afterCtrlP = true; // held back until the next key says whether it detaches
                        continue;
                    }
                    typed.write(b);
                }
                if (typed.size() > 0) {
                    session.input().write(typed.toByteArray());
                    session.input().flush();
                }
            }
            if (!tty) {
                session.input().close(); // end-of-file reaches the process
            }
        } catch (IOException e) {
            // the session ended (or was detached) while keys were relayed: nothing is left to send them to
        }
    }
}
