package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule of the spec check, with the exact message the user sees. */
class SpecValidatorTest {

    /** A host with 1 GiB and 2 CPUs, so the bounds do not depend on the machine running the test. */
    private static final HostLimits HOST = new HostLimits(1024, 2);

    @Test
    void aPlainSpecPasses() {
        assertThatCode(() -> check(spec("ping", "127.0.0.1").withName("web-1").withLimits(256, 2).withPidsLimit(100)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(spec("true").withPidsLimit(ContainerSpec.NO_PIDS_LIMIT))).doesNotThrowAnyException();
        assertThatCode(() -> check(new ContainerSpec("busybox", List.of("true"), null, Isolation.PROCESS,
                List.of("A=", "B_2=x=y", "lower.case-ok=1"), false))).doesNotThrowAnyException();
    }

    @Test
    void image() {
        refused(new ContainerSpec("", List.of("true"), null, Isolation.PROCESS, List.of(), false),
                "no image given: name the image to run, e.g. busybox");
        refused(new ContainerSpec("BusyBox", List.of("true"), null, Isolation.PROCESS, List.of(), false),
                "invalid reference format: repository name (BusyBox) must be lowercase: use busybox");
        refused(new ContainerSpec("busybox:", List.of("true"), null, Isolation.PROCESS, List.of(), false),
                "invalid reference format: \"busybox:\": the tag \"\" may hold only letters, digits, _ . - (at most 128,"
                        + " not starting with . or -)");
        refused(new ContainerSpec("x".repeat(300), List.of("true"), null, Isolation.PROCESS, List.of(), false),
                "invalid reference format: repository name must not be more than 255 characters (this one has 300)");
    }

    @Test
    void containerName() {
        refused(spec("true").withName("no spaces"), "Invalid container name (no spaces), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        refused(spec("true").withName("-leading-dash"), "Invalid container name (-leading-dash), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        refused(spec("true").withName("tab\there"), "Invalid container name (tab\\x09here), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        refused(spec("true").withName("a"), "Invalid container name (a): a name needs at least 2 characters");
        refused(spec("true").withName("n".repeat(129)), "the container name is too long (129 characters): use at most 128");
        assertThatCode(() -> check(spec("true").withName("n".repeat(128)))).doesNotThrowAnyException();
    }

    @Test
    void commandLine() {
        refused(spec(), "no command given: name the program to run in the container, e.g. ping 127.0.0.1");
        refused(spec(" ", "x"), "the command is blank: its first word must name a program");
        refused(spec("echo", "a\0b"), "command argument 2 contains a NUL character, which no program can receive: remove it");
        refused(spec("echo", "x".repeat(131_072)), "command argument 2 is 131072 bytes long: the kernel passes at most"
                + " 131071 bytes per argument; pass large data in a file instead");
        List<String> many = new ArrayList<>(List.of("echo"));
        many.addAll(Collections.nCopies(3, "y".repeat(100_000)));
        refused(spec(many.toArray(String[]::new)), "the command and its environment are 300008 bytes together: keep"
                + " them under 256 KiB; pass large data in a file instead");
    }

    @Test
    void environmentEntries() {
        refused(env("NOEQUALS"), "invalid environment entry \"NOEQUALS\": use KEY=VALUE");
        refused(env("=x"), "invalid environment entry \"=x\": the name before = is empty; use KEY=VALUE");
        refused(env("A B=1"), "invalid environment variable name \"A B\": use letters, digits, _ . and -, starting with a letter or _");
        refused(env("1A=1"), "invalid environment variable name \"1A\": use letters, digits, _ . and -, starting with a letter or _");
        refused(env("A\0=1"), "invalid environment variable name \"A\\x00\": use letters, digits, _ . and -, starting with a letter or _");
        refused(env("SECRET=a\0b"), "the value of environment variable SECRET contains a NUL character, which no"
                + " environment can hold: remove it");
        refused(env("BIG=" + "v".repeat(131_068)), "environment variable BIG is 131072 bytes long: the kernel passes at"
                + " most 131071 bytes per entry; pass large data in a file instead");
    }

    @Test
    void memoryLimit() {
        refused(spec("true").withLimits(-1, 0), "invalid memory limit -1 MiB: give a size such as 256m, or none for the default");
        refused(spec("true").withLimits(5, 0), "Minimum memory limit allowed is 6MB");
        refused(spec("true").withLimits(1025, 0), "memory limit 1025 MiB is more than this host has (1024 MiB): use at most 1024m");
        assertThatCode(() -> check(spec("true").withLimits(6, 0))).doesNotThrowAnyException();
        assertThatCode(() -> check(spec("true").withLimits(1024, 0))).doesNotThrowAnyException();
    }

    @Test
    void cpuLimit() {
        refused(spec("true").withLimits(0, -1), "invalid CPU count -1: use a whole number from 1 to 2, or none for the default");
        refused(spec("true").withLimits(0, 3), "Range of CPUs is from 1 to 2, as there are only 2 CPUs available");
    }

    @Test
    void pidsLimit() {
        refused(spec("true").withPidsLimit(-2), "invalid pids limit -2: use a number of processes from 1 to 4194304, or -1 for no limit");
        refused(spec("true").withPidsLimit(4_194_305), "invalid pids limit 4194305: use a number of processes from 1 to 4194304, or -1 for no limit");
        refused(ContainerSpec.of("busybox", Isolation.HYPERV, "true").withPidsLimit(100),
                "a pids limit applies to process isolation only: a Hyper-V container's processes run in its VM's own"
                        + " kernel, out of reach of the host's cgroups; remove the pids limit or choose process isolation");
        assertThatCode(() -> check(ContainerSpec.of("busybox", Isolation.HYPERV, "true"))).doesNotThrowAnyException();
    }

    @Test
    void hostMemoryIsReadFromMeminfo(@TempDir Path tmp) throws IOException {
        Path meminfo = Files.writeString(tmp.resolve("meminfo"), "MemTotal:       24684216 kB\nMemFree: 1 kB\n");
        assertThat(HostLimits.memTotalMiB(meminfo)).isEqualTo(24105);
        assertThat(HostLimits.memTotalMiB(tmp.resolve("missing"))).isEqualTo(Long.MAX_VALUE);
        assertThat(HostLimits.current().cpus()).isPositive();
    }

    private static void check(ContainerSpec spec) {
        SpecValidator.check(spec, HOST);
    }

    private static void refused(ContainerSpec spec, String message) {
        assertThatThrownBy(() -> check(spec))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.INVALID_SPEC))
                .hasMessage(message);
    }

    private static ContainerSpec spec(String... command) {
        return ContainerSpec.of("busybox", Isolation.PROCESS, command);
    }

    private static ContainerSpec env(String entry) {
        return new ContainerSpec("busybox", List.of("true"), null, Isolation.PROCESS, List.of(entry), false);
    }
}
