package io.isoscope.engine.runtime.vm.agent;

import io.isoscope.engine.api.ConsoleSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One console session in a VM, over its {@link ConsoleLine}: attached to the workload's terminal, or a process
 * exec'd into the guest (its stdout and stderr merged in {@link #output()}, or its stderr apart in
 * {@link #errorOutput()} when the session was opened so). Closing detaches: the workload runs
 * on, an exec'd process still running gets SIGHUP. Reading and writing may happen on two threads; the rest is
 * thread-safe.
 */
public final class GuestSession implements ConsoleSession {

    /** How long close() waits for the agent to confirm the detach (then its lease ends the session anyway). */
    private static final Duration DETACH_WAIT = Duration.ofSeconds(2);

    private final ConsoleLine line;
    private final long id;
    private final boolean attach;
    private final SessionOutput output;
    /** The process's stderr when kept apart, else null (it goes to output). */
    private final SessionOutput errors;
    private final Consumer<GuestSession> onEnd;
    private final CountDownLatch detachConfirmed = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set once the opener has the session: only then does its end concern the owner (onEnd). */
    private boolean handedOver;
    private final AtomicBoolean inputEnded = new AtomicBoolean();
    private final OutputStream input = new Input();
    private volatile long pid;
    private volatile boolean detachRequested;
    private volatile Integer exitCode;
    private volatile String endReason;
    private volatile Supplier<OptionalInt> exitFallback = OptionalInt::empty;

    GuestSession(ConsoleLine line, long id, boolean attach, SessionOutput output, SessionOutput errors,
                 Consumer<GuestSession> onEnd) {
        this.line = line;
        this.id = id;
        this.attach = attach;
        this.output = output;
        this.errors = errors;
        this.onEnd = onEnd;
    }

    /** The process's guest PID: the workload's when attached. */
    public long guestPid() {
        return pid;
    }

    /** Whether this session is attached to the workload's terminal (else it is an exec'd process). */
    public boolean attached() {
        return attach;
    }

    /** Why the session ended without an exit code (its VM stopped, its line failed), or null. */
    public String endReason() {
        return endReason;
    }

    /** Where the exit code comes from when the line ended before the agent could send it (the VM's exit file). */
    public void exitFallback(Supplier<OptionalInt> fallback) {
        exitFallback = fallback;
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public InputStream errorOutput() {
        return errors != null ? errors : InputStream.nullInputStream();
    }

    @Override
    public OutputStream input() {
        return input;
    }

    @Override
    public void resize(int columns, int rows) {
        if (columns < 1 || columns > 65535 || rows < 1 || rows > 65535) {
            throw new IllegalArgumentException("a terminal is 1 to 65535 columns by 1 to 65535 rows, not "
                    + columns + "x" + rows);
        }
        if (!finished.get()) {
            try {
                line.resize(id, columns, rows);
            } catch (IOException e) {
                // the line has ended, and with it this session: nothing is left to resize
            }
        }
    }

    @Override
    public OptionalInt exitCode() {
        Integer code = exitCode;
        if (code != null) {
            return OptionalInt.of(code);
        }
        return attach && finished.get() ? exitFallback.get() : OptionalInt.empty();
    }

    @Override
    public void close() {
        if (!finished.get()) {
            line.detach(id, DETACH_WAIT);
        }
        ended(null);
    }

    /** The agent opened the session as {@code guestPid}; it now belongs to whoever opened it. */
    void opened(long guestPid) {
        pid = guestPid;
        boolean endedAlready;
        synchronized (this) {
            handedOver = true;
            endedAlready = finished.get();
        }
        if (endedAlready) {
            onEnd.accept(this); // the line broke between the agent's OPENED and here
        }
    }

    /** What the process printed: to {@link #errorOutput()} when it is stderr kept apart, else to the output. */
    void output(boolean stderr, byte[] bytes) {
        (stderr && errors != null ? errors : output).deliver(bytes);
    }

    void exited(int code) {
        exitCode = code;
        ended(null);
    }

    /** This engine asks the agent to detach the session: the agent's DETACHED will be the answer. */
    void detaching() {
        detachRequested = true;
    }

    /** The agent's DETACHED arrived; returns whether it answers this engine's DETACH (else the agent acted alone). */
    boolean detached() {
        detachConfirmed.countDown();
        return detachRequested;
    }

    void awaitDetached(Duration timeout) {
        try {
            detachConfirmed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The session is over (exit, detach, or the line's end, then with {@code why}): readers get the end. */
    void ended(String why) {
        boolean owned;
        synchronized (this) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            endReason = why;
            owned = handedOver;
        }
        if (owned) {
            onEnd.accept(this); // first: once a reader sees the end, what the session held is released
        }
        output.end();
        if (errors != null) {
            errors.end();
        }
        detachConfirmed.countDown();
    }

    @Override
    public String toString() {
        return (attach ? "attach" : "exec") + " session " + id + " (guest PID " + pid + ")";
    }

    /** What is typed: INPUT frames; closing ends the program's input (EOF on a pipe; nothing on a terminal). */
    private final class Input extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (finished.get()) {
                throw new IOException("the console session has ended" + (endReason != null ? ": " + endReason : ""));
            }
            if (len > 0) {
                line.input(id, b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            if (!finished.get() && inputEnded.compareAndSet(false, true)) {
                line.input(id, new byte[0], 0, 0);
            }
        }
    }
}
