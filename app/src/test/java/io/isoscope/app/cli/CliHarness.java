package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs CLI invocations against one {@link CliTestEngine}, each with its own captured output and fixed clock. Not thread-safe. */
final class CliHarness {

    /** What one invocation produced. */
    record Result(int exit, String out, String err) {
    }

    final CliTestEngine engine;
    final TestShutdownHooks hooks = new TestShutdownHooks();
    final FakeTerminal terminal;
    private final AtomicInteger opens = new AtomicInteger();

    CliHarness(CliTestEngine engine) {
        this(engine, new FakeTerminal(true));
    }

    CliHarness(CliTestEngine engine, FakeTerminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    CliHarness() {
        this(new CliTestEngine());
    }

    /** How many times a CLI asked for the engine. */
    int opens() {
        return opens.get();
    }

    /** Runs {@code args} with the clock fixed at {@code now}. */
    Result run(Instant now, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = cli(Clock.fixed(now, ZoneOffset.UTC), out, err).run(List.of(args));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} with the clock at the real now (for commands whose output has no durations). */
    Result run(String... args) {
        return run(Instant.now(), args);
    }

    /** A CLI on this harness's engine and hooks, writing to the given buffers. */
    Cli cli(Clock clock, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Cli(() -> {
            opens.incrementAndGet();
            return engine;
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock, hooks, terminal);
    }

    /** {@code run -d ...} through the CLI; returns the container it started. */
    ContainerInfo runDetached(String... runArgs) {
        String[] args = new String[runArgs.length + 2];
        args[0] = "run";
        args[1] = "-d";
        System.arraycopy(runArgs, 0, args, 2, runArgs.length);
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("run -d failed: " + r);
        }
        return engine.inspect(r.out().trim());
    }
}
