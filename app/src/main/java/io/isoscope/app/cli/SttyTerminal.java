package io.isoscope.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real terminal: {@code stty} on {@code /dev/tty} for raw mode and size, SIGWINCH for resizes. Thread-safe.
 */
final class SttyTerminal implements LocalTerminal {

    private static final File TTY = new File("/dev/tty");

    private final ShutdownHooks hooks;

    /** {@code hooks} restore the terminal if the JVM is ended while it is raw. */
    SttyTerminal(ShutdownHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public InputStream keyboard() {
        return System.in;
    }

    @Override
    public boolean isTerminal() {
        return System.console() != null; // both stdin and stdout are terminals
    }

    @Override
    public Restore raw() throws IOException {
        String saved = stty("-g").trim();
        stty("raw", "-echo");
        Thread hook = new Thread(() -> restore(saved), "isoscope-restore-terminal");
        hooks.add(hook);
        return new Restore() {
            private boolean done;

            @Override
            public synchronized void close() {
                if (!done) {
                    done = true;
                    hooks.remove(hook);
                    restore(saved);
                }
            }
        };
    }

    private static void restore(String saved) {
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("isoscope: cannot restore the terminal (" + e.getMessage() + "): run 'stty sane'");
        }
    }

    @Override
    public Optional<Size> size() {
        try {
            String[] rowsCols = stty("size").trim().split("\\s+");
            return Optional.of(new Size(Integer.parseInt(rowsCols[1]), Integer.parseInt(rowsCols[0])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    @SuppressWarnings("removal")
    public Restore onResize(Runnable listener) {
        try {
            sun.misc.Signal winch = new sun.misc.Signal("WINCH");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(winch, s -> listener.run());
            return () -> sun.misc.Signal.handle(winch, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return () -> { }; // no SIGWINCH here: the size set at the start stays
        }
    }

    /** Runs {@code stty ARGS < /dev/tty} and returns what it printed. */
    private static String stty(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running stty", e);
        }
        return out;
    }
}
