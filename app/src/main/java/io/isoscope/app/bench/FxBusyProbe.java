package io.isoscope.app.bench;

import com.sun.javafx.tk.TKPulseListener;
import com.sun.javafx.tk.Toolkit;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Measures when the FX thread is busy, as spans: each task the window hands to the FX thread (this probe is the
 * window's UI executor, timing each task around {@code Platform.runLater}) and each pulse, from the toolkit's stage
 * pulse (before any scene's CSS and layout) to its post-scene pulse (after every scene's CSS, layout, waiting for
 * the previous frame and copying its changes to the renderer). Each span has its elapsed time, the FX thread's CPU
 * time in it, and how long the thread waited for a CPU meanwhile (see {@link ThreadClock}). The pulse hooks are the
 * toolkit's own (an internal API, reachable because the app runs JavaFX from the class path): the public pre- and
 * post-layout hooks would miss the copy to the renderer. FX thread only, apart from {@link #execute}.
 */
final class FxBusyProbe implements Executor {

    /**
     * One stretch of FX-thread work.
     *
     * @param start     {@link System#nanoTime()} when it began
     * @param end       when it ended
     * @param cpuNanos  the FX thread's CPU time in it
     * @param waitNanos how long the FX thread was runnable but waiting for a CPU in it
     */
    record Span(long start, long end, long cpuNanos, long waitNanos) {
        /** Elapsed time. */
        long nanos() {
            return end - start;
        }

        /** Elapsed time without the waits for a CPU: the FX thread's own work and its own waits. */
        long busyNanos() {
            return Math.max(0, nanos() - waitNanos);
        }
    }

    private final List<Span> spans = new ArrayList<>();
    // The toolkit holds its pulse listeners weakly: these fields keep them alive.
    private final TKPulseListener pulseStart = this::pulseStarted;
    private final TKPulseListener pulseEnd = this::pulseEnded;
    private ThreadClock clock;
    private long pulseStartedAt;
    private ThreadClock.Reading pulseClock;

    /** Hooks into the toolkit's pulses and starts the FX thread's clock. FX thread. */
    void install() {
        clock = new ThreadClock();
        Toolkit.getToolkit().addStageTkPulseListener(pulseStart);
        Toolkit.getToolkit().addPostSceneTkPulseListener(pulseEnd);
    }

    /** Unhooks from the pulses. FX thread. */
    void uninstall() {
        Toolkit.getToolkit().removeStageTkPulseListener(pulseStart);
        Toolkit.getToolkit().removePostSceneTkPulseListener(pulseEnd);
    }

    /** Whether the spans' waits for a CPU are measured (Linux); otherwise they are zero. FX thread. */
    boolean knowsWaits() {
        return clock.knowsWaits();
    }

    /** Runs {@code task} on the FX thread, timing it. Thread-safe. */
    @Override
    public void execute(Runnable task) {
        Platform.runLater(() -> {
            long start = System.nanoTime();
            ThreadClock.Reading before = clock.read();
            try {
                task.run();
            } finally {
                record(start, before);
            }
        });
    }

    /** The spans recorded so far, oldest first. FX thread. */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    private void pulseStarted() {
        pulseStartedAt = System.nanoTime();
        pulseClock = clock.read();
    }

    private void pulseEnded() {
        if (pulseStartedAt != 0) {
            record(pulseStartedAt, pulseClock);
            pulseStartedAt = 0;
        }
    }

    private void record(long start, ThreadClock.Reading before) {
        ThreadClock.Reading after = clock.read();
        spans.add(new Span(start, System.nanoTime(), after.cpuNanos() - before.cpuNanos(),
                after.waitNanos() - before.waitNanos()));
    }
}
