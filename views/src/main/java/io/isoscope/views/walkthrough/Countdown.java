package io.isoscope.views.walkthrough;

import io.isoscope.views.common.UiTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

import java.time.Duration;

/** Run all's countdown: ticks once a second on a {@link UiTimer}, shows the seconds left, calls back at zero. UI thread only. */
final class Countdown {

    private static final Duration TICK = Duration.ofSeconds(1);

    private final UiTimer timer;
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(this, "secondsLeft", -1);
    private UiTimer.Scheduled tick;

    Countdown(UiTimer timer) {
        this.timer = timer;
    }

    /** Seconds until the callback, or -1 when not counting. */
    ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    /** Counts down from {@code seconds} (at once for 0) and then runs {@code atZero}; replaces a running count. */
    void start(int seconds, Runnable atZero) {
        cancel();
        if (seconds <= 0) {
            atZero.run();
            return;
        }
        secondsLeft.set(seconds);
        next(atZero);
    }

    /** Stops counting; the callback does not run. Idempotent. */
    void cancel() {
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        secondsLeft.set(-1);
    }

    private void next(Runnable atZero) {
        tick = timer.schedule(TICK, () -> {
            int left = secondsLeft.get() - 1;
            if (left > 0) {
                secondsLeft.set(left);
                next(atZero);
            } else {
                tick = null;
                secondsLeft.set(-1);
                atZero.run();
            }
        });
    }
}
