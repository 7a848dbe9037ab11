package io.isoscope.views.walkthrough;

import io.isoscope.views.common.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CountdownTest {

    private final ManualTime time = new ManualTime();
    private final Countdown countdown = new Countdown(time);
    private final List<Integer> seen = new ArrayList<>();
    private int calls;

    @Test
    void countsDownASecondAtATimeThenCallsBackOnce() {
        countdown.secondsLeftProperty().addListener((obs, was, now) -> seen.add(now.intValue()));

        countdown.start(3, () -> calls++);
        time.advance(Duration.ofMillis(2999));
        assertThat(calls).isZero();
        time.advance(Duration.ofMillis(1));

        assertThat(seen).containsExactly(3, 2, 1, -1);
        assertThat(calls).isEqualTo(1);
        time.advance(Duration.ofSeconds(10));
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void zeroCallsBackAtOnceAndCancelStopsIt() {
        countdown.start(0, () -> calls++);
        assertThat(calls).isEqualTo(1);

        countdown.start(5, () -> calls++);
        time.advance(Duration.ofSeconds(2));
        countdown.cancel();
        time.advance(Duration.ofSeconds(10));

        assertThat(calls).isEqualTo(1);
        assertThat(countdown.secondsLeftProperty().get()).isEqualTo(-1);
    }

    @Test
    void startingAgainReplacesTheRunningCount() {
        countdown.start(5, () -> calls += 10);
        time.advance(Duration.ofSeconds(2));
        countdown.start(2, () -> calls++);
        time.advance(Duration.ofSeconds(10));

        assertThat(calls).isEqualTo(1);
    }
}
