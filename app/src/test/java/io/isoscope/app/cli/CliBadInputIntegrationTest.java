package io.isoscope.app.cli;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.Engines;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's input checks through the CLI against the real engine: each refusal is printed as docker prints a
 * daemon's, with docker's exit code 125, and leaves no container behind.
 */
@Tag("fault-injection")
class CliBadInputIntegrationTest {

    private static final String PREFIX = "isoscope: Error response from engine: ";

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    record Result(int status, String out, String err) {
    }

    @AfterEach
    void nothingWasLeftBehind() throws IOException {
        assertThat(cli("ps", "-aq").out()).isBlank();
        try (Stream<Path> dirs = Files.list(fixture.stateDir().resolve("containers"))) {
            assertThat(dirs.toList()).isEmpty();
        }
    }

    @Test
    void containerNames() {
        refused(List.of("run", "--name", "no spaces", "busybox", "true"),
                "Invalid container name (no spaces), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        refused(List.of("run", "--name", "x", "busybox", "true"), "Invalid container name (x): a name needs at least 2 characters");
        refused(List.of("run", "--name", "n".repeat(129), "busybox", "true"),
                "the container name is too long (129 characters): use at most 128");
    }

    @Test
    void imageReferences() {
        refused(List.of("run", "BusyBox", "true"), "invalid reference format: repository name (BusyBox) must be lowercase: use busybox");
        refused(List.of("run", "busybox:", "true"), "invalid reference format: \"busybox:\": the tag \"\" may hold only"
                + " letters, digits, _ . - (at most 128, not starting with . or -)");
        refused(List.of("run", "a".repeat(256), "true"), "invalid reference format: repository name must not be more than"
                + " 255 characters (this one has 256)");
    }

    @Test
    void environmentEntries() {
        refused(List.of("run", "-e", "A B=1", "busybox", "true"), "invalid environment variable name \"A B\": use letters,"
                + " digits, _ . and -, starting with a letter or _");
        refused(List.of("run", "-e", "KEY=a\0b", "busybox", "true"), "the value of environment variable KEY contains a NUL"
                + " character, which no environment can hold: remove it");
    }

    @Test
    void commandLines() {
        refused(List.of("run", "busybox", " "), "the command is blank: its first word must name a program");
        refused(List.of("run", "busybox", "echo", "a\0b"), "command argument 2 contains a NUL character, which no program"
                + " can receive: remove it");
        refused(List.of("run", "busybox", "echo", "x".repeat(200_000)), "command argument 2 is 200000 bytes long: the"
                + " kernel passes at most 131071 bytes per argument; pass large data in a file instead");
    }

    @Test
    void limits() throws IOException {
        long hostMiB = memTotalMiB();
        int cpus = Runtime.getRuntime().availableProcessors();
        refused(List.of("run", "-m", "1k", "busybox", "true"), "Minimum memory limit allowed is 6MB");
        refused(List.of("run", "-m", (hostMiB + 1) + "m", "busybox", "true"), "memory limit " + (hostMiB + 1)
                + " MiB is more than this host has (" + hostMiB + " MiB): use at most " + hostMiB + "m");
        refused(List.of("run", "--cpus", Integer.toString(cpus + 1), "busybox", "true"),
                "Range of CPUs is from 1 to " + cpus + ", as there are only " + cpus + " CPUs available");
        refused(List.of("run", "--pids-limit", "-5", "busybox", "true"),
                "invalid pids limit -5: use a number of processes from 1 to 4194304, or -1 for no limit");
        refused(List.of("run", "--isolation=hyperv", "--pids-limit", "100", "busybox", "true"),
                "a pids limit applies to process isolation only: a Hyper-V container's processes run in its VM's own"
                        + " kernel, out of reach of the host's cgroups; remove the pids limit or choose process isolation");
    }

    private static void refused(List<String> args, String message) {
        for (List<String> form : List.of(args, withDetach(args))) {
            Result r = cli(form.toArray(String[]::new));
            assertThat(r.status()).as(r.err()).isEqualTo(125);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo(PREFIX + message + "\n");
        }
    }

    private static List<String> withDetach(List<String> args) {
        List<String> d = new java.util.ArrayList<>(args);
        d.add(1, "-d");
        return d;
    }

    private static long memTotalMiB() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(() -> Engines.open(EngineConfig.at(fixture.stateDir())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(List.of(args));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
