package io.isoscope.app.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shutdown hooks a test can fire, standing in for the JVM's (Ctrl-C). Thread-safe. */
final class TestShutdownHooks implements ShutdownHooks {

    private final List<Thread> hooks = new CopyOnWriteArrayList<>();
    private volatile boolean shuttingDown;

    @Override
    public void add(Thread hook) {
        hooks.add(hook);
    }

    @Override
    public boolean remove(Thread hook) {
        return !shuttingDown && hooks.remove(hook);
    }

    /** The hooks registered now. */
    List<Thread> registered() {
        return List.copyOf(hooks);
    }

    /** What the JVM does on Ctrl-C: from now on hooks cannot be removed; run each and wait for it. */
    void shutDown() throws InterruptedException {
        shuttingDown = true;
        for (Thread hook : hooks) {
            hook.start();
            hook.join();
        }
    }
}
