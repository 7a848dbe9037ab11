package io.isoscope.views.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that only queues tasks until the test runs them, to hold work "in flight". Not thread-safe. */
public final class ManualExecutor implements Executor {

    private final Deque<Runnable> queue = new ArrayDeque<>();
    private int submitted;

    @Override
    public void execute(Runnable task) {
        submitted++;
        queue.add(task);
    }

    /** How many tasks were ever submitted. */
    public int submitted() {
        return submitted;
    }

    /** How many tasks wait. */
    public int pending() {
        return queue.size();
    }

    /** Runs queued tasks, including ones they queue, until none is left. */
    public void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }
}
