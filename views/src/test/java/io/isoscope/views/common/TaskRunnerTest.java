package io.isoscope.views.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRunnerTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void workRunsInTheBackgroundAndItsOutcomeOnTheUiExecutor() {
        ManualExecutor background = new ManualExecutor();
        ManualExecutor ui = new ManualExecutor();
        TaskRunner tasks = new TaskRunner(background, ui);

        tasks.submit(() -> "result", r -> log.add("ok " + r), e -> log.add("failed"));
        assertThat(log).isEmpty();
        background.runAll();
        assertThat(log).as("not before the UI executor runs it").isEmpty();
        ui.runAll();

        assertThat(log).containsExactly("ok result");
    }

    @Test
    void aFailureReachesTheFailureHandlerOnTheUiExecutor() {
        TaskRunner tasks = new TaskRunner(Runnable::run, Runnable::run);

        tasks.submit(() -> {
            throw new IllegalStateException("boom");
        }, r -> log.add("ok"), e -> log.add("failed " + e.getMessage()));

        assertThat(log).containsExactly("failed boom");
    }

    @Test
    void workSubmittedAfterShutdownIsDropped() {
        Executor closed = task -> {
            throw new RejectedExecutionException("shut down");
        };
        TaskRunner tasks = new TaskRunner(closed, closed);

        tasks.submit(() -> "x", r -> log.add("ok"), e -> log.add("failed"));
        tasks.onUi(() -> log.add("ui"));

        assertThat(log).isEmpty();
    }
}
