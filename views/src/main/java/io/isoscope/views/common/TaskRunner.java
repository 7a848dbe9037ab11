package io.isoscope.views.common;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs blocking work on the background executor and hands its outcome to the UI executor, so ViewModel state only
 * changes on the UI thread. The app passes a thread pool and {@code Platform::runLater}; tests pass direct
 * executors and everything happens synchronously. Thread-safe.
 */
public final class TaskRunner {

    private final Executor background;
    private final Executor ui;

    /** A runner over the two executors. */
    public TaskRunner(Executor background, Executor ui) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /**
     * Runs {@code work} in the background, then {@code onSuccess} with its result, or {@code onFailure} with what
     * it threw, on the UI thread. Work submitted after the executors shut down is dropped: the window is closing.
     * Thread-safe.
     */
    public <T> void submit(Supplier<T> work, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure) {
        try {
            background.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    onUi(() -> onFailure.accept(e));
                    return;
                }
                onUi(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException closing) {
            // Shutting down: nobody is left to show the outcome.
        }
    }

    /** Runs {@code action} on the UI thread (later, or now with a direct UI executor). Thread-safe. */
    public void onUi(Runnable action) {
        try {
            ui.execute(action);
        } catch (RejectedExecutionException | IllegalStateException closing) {
            // The toolkit has exited (Platform.runLater throws IllegalStateException then).
        }
    }
}
