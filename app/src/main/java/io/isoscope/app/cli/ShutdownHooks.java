package io.isoscope.app.cli;

/** Where the attached {@code run} registers what Ctrl-C must do; the JVM's shutdown hooks in production. Thread-safe. */
interface ShutdownHooks {

    /** Registers {@code hook} to run when the JVM shuts down (Ctrl-C, SIGTERM). */
    void add(Thread hook);

    /** Unregisters {@code hook}; returns {@code false} when shutdown has already begun, so the hook runs anyway. */
    boolean remove(Thread hook);

    /** The JVM's own hooks. */
    static ShutdownHooks jvm() {
        return new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public boolean remove(Thread hook) {
                try {
                    return Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    return false;
                }
            }
        };
    }
}
