package io.isoscope.views.walkthrough;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The containers one walkthrough run started, shared by its background tasks and its clean-up. Once closed, it
 * takes no more: a start that finishes after the walkthrough ended is told so and removes its container itself,
 * and the clean-up waits for such starts in flight. Thread-safe.
 */
final class WalkthroughSession {

    private final Set<String> ids = new LinkedHashSet<>();
    private boolean closed;
    private int inFlight;

    /** Marks an engine operation as running; throws if the walkthrough has ended. Any thread. */
    synchronized void begin() {
        if (closed) {
            throw new CancellationException("the walkthrough has ended");
        }
        inFlight++;
    }

    /** Marks an operation begun with {@link #begin()} as finished. Any thread. */
    synchronized void end() {
        inFlight--;
        notifyAll();
    }

    /** Records a started container; false when the walkthrough has ended (the caller must remove it). Any thread. */
    synchronized boolean register(String id) {
        if (closed) {
            return false;
        }
        ids.add(id);
        return true;
    }

    /** Forgets a container the walkthrough removed itself. Any thread. */
    synchronized void forget(String id) {
        ids.remove(id);
    }

    /** Whether {@link #close()} was called. Any thread. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the session and returns the containers to remove, oldest first. Any thread; idempotent. */
    synchronized List<String> close() {
        closed = true;
        List<String> taken = new ArrayList<>(ids);
        ids.clear();
        return taken;
    }

    /** Waits until no operation is in flight, at most {@code timeout}; returns whether none is. Any thread. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
