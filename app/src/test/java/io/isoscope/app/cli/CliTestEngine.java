package io.isoscope.app.cli;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.logs.LogFileReader;
import io.isoscope.engine.testing.FakeContainerEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine fake plus what CLI tests need: {@code awaitExit} that really waits for the container to stop, a log
 * file the test writes to (read as the real engine reads one: raw or timed lines), the specs and stop graces it
 * was given, and a count of closes. Thread-safe.
 */
class CliTestEngine extends FakeContainerEngine {

    private final List<ContainerSpec> specs = new ArrayList<>();
    private final List<Duration> graces = new ArrayList<>();
    private final List<Exec> execs = new ArrayList<>();
    private Path logFile;
    private int closes;

    CliTestEngine() {
        // Every state change fires an event while holding this monitor: wake up awaitExit.
        subscribe(e -> {
            synchronized (this) {
                notifyAll();
            }
        });
    }

    /** Makes {@link #logFile} return {@code file} for every container. */
    synchronized CliTestEngine withLogFile(Path file) {
        this.logFile = file;
        return this;
    }

    @Override
    public synchronized CliTestEngine withHyperv(boolean available) {
        super.withHyperv(available);
        return this;
    }

    synchronized List<ContainerSpec> specs() {
        return List.copyOf(specs);
    }

    synchronized List<Duration> graces() {
        return List.copyOf(graces);
    }

    synchronized int closes() {
        return closes;
    }

    @Override
    public synchronized ContainerInfo create(ContainerSpec spec) {
        specs.add(spec);
        return super.create(spec);
    }

    @Override
    public synchronized ContainerInfo stop(String container, Duration grace) {
        graces.add(grace);
        return super.stop(container, grace);
    }

    @Override
    public synchronized ContainerInfo awaitExit(String container, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainerInfo info = inspect(container);
        while (info.isRunning()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            info = inspect(container);
        }
        return info;
    }

    /** Like docker's daemon: a missing program is not found, a directory cannot be invoked. */
    @Override
    public synchronized ConsoleSession exec(String container, List<String> command, boolean tty) {
        execs.add(new Exec(container, List.copyOf(command), tty));
        if (command.get(0).equals("no-such-program")) {
            inspect(container); // an unknown or stopped container is refused first, as below
            throw new EngineException(EngineException.Kind.COMMAND_NOT_FOUND,
                    "exec: \"no-such-program\": executable file not found in $PATH");
        }
        if (command.get(0).equals("/etc")) {
            throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "exec: \"/etc\": permission denied");
        }
        return super.exec(container, command, tty);
    }

    /** One exec the CLI asked for. */
    record Exec(String container, List<String> command, boolean tty) {
    }

    synchronized List<Exec> execs() {
        return List.copyOf(execs);
    }

    @Override
    public synchronized Path logFile(String container) {
        return logFile != null ? logFile : super.logFile(container);
    }

    @Override
    public synchronized String logs(String container) {
        if (logFile == null) {
            return super.logs(container);
        }
        inspect(container);
        try {
            return new LogFileReader().text(readable());
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read " + logFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized LogChunk readLog(String container, long offset) {
        if (logFile == null) {
            return super.readLog(container, offset);
        }
        inspect(container);
        try {
            return new LogFileReader().read(readable(), offset);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read " + logFile + ": " + e.getMessage(), e);
        }
    }

    /** The log file, refusing one that exists but is no file (a test's unreadable log). */
    private Path readable() throws IOException {
        if (Files.exists(logFile) && !Files.isRegularFile(logFile)) {
            throw new IOException("Is a directory");
        }
        return logFile;
    }

    @Override
    public synchronized void close() {
        closes++;
    }
}
