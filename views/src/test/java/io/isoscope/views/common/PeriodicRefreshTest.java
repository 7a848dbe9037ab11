package io.isoscope.views.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicRefreshTest {

    @Test
    void keepsTickingAfterATickThrows() throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        try (PeriodicRefresh refresh = new PeriodicRefresh(scheduler, Duration.ofMillis(10), () -> {
            second.countDown();
            if (ticks.incrementAndGet() == 1) {
                throw new IllegalStateException("first tick fails");
            }
        })) {
            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
            assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ticks.get()).isGreaterThanOrEqualTo(2);
    }
}
