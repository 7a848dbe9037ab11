package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.MessageText;
import io.isoscope.engine.image.ImageStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@link ContainerSpec} before anything is written, with docker's wording where it has one and otherwise a
 * message that says what to type instead. Stateless.
 */
final class SpecValidator {

    /** Docker's container-name rule (daemon/names: at least two characters). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final int MAX_NAME = 128;
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    /** The kernel's MAX_ARG_STRLEN (32 pages) less the terminating NUL: execve refuses a longer string. */
    static final int MAX_ARG_BYTES = 131_071;
    /**
     * Command and environment together, each string with its NUL: far below the kernel's limit for execve (a quarter
     * of the stack limit) and, JSON-escaped, below the VM agent's largest frame (1 MiB).
     */
    static final int MAX_TOTAL_BYTES = 256 * 1024;
    /** Docker's minimum memory limit (daemon/daemon_unix.go, linuxMinMemory). */
    private static final int MIN_MEMORY_MIB = 6;
    /** How much of a bad value a message repeats. */
    private static final int SHOWN = 64;

    private SpecValidator() {
    }

    /** Throws {@link EngineException} (INVALID_SPEC) on the first problem found, against this host's limits. */
    static void check(ContainerSpec spec) {
        check(spec, HostLimits.current());
    }

    /** Throws {@link EngineException} (INVALID_SPEC) on the first problem found, against {@code host}'s limits. */
    static void check(ContainerSpec spec, HostLimits host) {
        if (spec.image().isEmpty()) {
            throw invalid("no image given: name the image to run, e.g. busybox");
        }
        ImageStore.normalize(spec.image()); // a malformed reference says what is wrong with it
        checkName(spec.name());
        checkCommand(spec.command());
        checkEnv(spec.env());
        checkTotal(spec.command(), spec.env());
        checkLimits(spec, host);
    }

    private static void checkName(String name) {
        if (name == null) {
            return;
        }
        if (name.length() > MAX_NAME) {
            throw invalid("the container name is too long (" + name.length() + " characters): use at most " + MAX_NAME);
        }
        if (name.length() == 1 && NAME.matcher(name + "x").matches()) {
            throw invalid("Invalid container name (" + name + "): a name needs at least 2 characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("Invalid container name (" + printable(name) + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    private static void checkCommand(List<String> command) {
        if (command.isEmpty()) {
            throw invalid("no command given: name the program to run in the container, e.g. ping 127.0.0.1");
        }
        if (command.get(0).isBlank()) {
            throw invalid("the command is blank: its first word must name a program");
        }
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.indexOf('\0') >= 0) {
                throw invalid("command argument " + (i + 1) + " contains a NUL character, which no program can receive:"
                        + " remove it");
            }
            int bytes = utf8Length(arg);
            if (bytes > MAX_ARG_BYTES) {
                throw invalid("command argument " + (i + 1) + " is " + bytes + " bytes long: the kernel passes at most "
                        + MAX_ARG_BYTES + " bytes per argument; pass large data in a file instead");
            }
        }
    }

    private static void checkEnv(List<String> env) {
        for (String e : env) {
            int eq = e.indexOf('=');
            String key = eq < 0 ? e : e.substring(0, eq);
            if (eq < 0) {
                throw invalid("invalid environment entry \"" + printable(e) + "\": use KEY=VALUE");
            }
            if (key.isEmpty()) {
                throw invalid("invalid environment entry \"" + printable(e) + "\": the name before = is empty; use KEY=VALUE");
            }
            if (!ENV_KEY.matcher(key).matches()) {
                throw invalid("invalid environment variable name \"" + printable(key) + "\": use letters, digits, _ . and -,"
                        + " starting with a letter or _");
            }
            if (e.indexOf('\0') >= 0) {
                throw invalid("the value of environment variable " + key + " contains a NUL character, which no"
                        + " environment can hold: remove it");
            }
            int bytes = utf8Length(e);
            if (bytes > MAX_ARG_BYTES) {
                throw invalid("environment variable " + key + " is " + bytes + " bytes long: the kernel passes at most "
                        + MAX_ARG_BYTES + " bytes per entry; pass large data in a file instead");
            }
        }
    }

    private static void checkTotal(List<String> command, List<String> env) {
        long total = 0;
        for (String s : command) {
            total += utf8Length(s) + 1;
        }
        for (String s : env) {
            total += utf8Length(s) + 1;
        }
        if (total > MAX_TOTAL_BYTES) {
            throw invalid("the command and its environment are " + total + " bytes together: keep them under "
                    + MAX_TOTAL_BYTES / 1024 + " KiB; pass large data in a file instead");
        }
    }

    private static void checkLimits(ContainerSpec spec, HostLimits host) {
        int memory = spec.memoryMiB();
        if (memory < 0) {
            throw invalid("invalid memory limit " + memory + " MiB: give a size such as 256m, or none for the default");
        }
        if (memory > 0 && memory < MIN_MEMORY_MIB) {
            throw invalid("Minimum memory limit allowed is 6MB");
        }
        if (memory > host.memoryMiB()) {
            throw invalid("memory limit " + memory + " MiB is more than this host has (" + host.memoryMiB()
                    + " MiB): use at most " + host.memoryMiB() + "m");
        }
        int cpus = spec.cpus();
        if (cpus < 0) {
            throw invalid("invalid CPU count " + cpus + ": use a whole number from 1 to " + host.cpus()
                    + ", or none for the default");
        }
        if (cpus > host.cpus()) {
            throw invalid("Range of CPUs is from 1 to " + host.cpus() + ", as there are only " + host.cpus()
                    + " CPUs available");
        }
        int pids = spec.pidsLimit();
        if (pids < ContainerSpec.NO_PIDS_LIMIT || pids > HostLimits.MAX_PIDS) {
            throw invalid("invalid pids limit " + pids + ": use a number of processes from 1 to " + HostLimits.MAX_PIDS
                    + ", or -1 for no limit");
        }
        if (pids != 0 && spec.isolation() == Isolation.HYPERV) {
            throw invalid("a pids limit applies to process isolation only: a Hyper-V container's processes run in its"
                    + " VM's own kernel, out of reach of the host's cgroups; remove the pids limit or choose process"
                    + " isolation");
        }
    }

    /** The text fit for a message: control characters as {@code \xNN}, cut after {@value #SHOWN} characters. */
    static String printable(String s) {
        return MessageText.printable(s, SHOWN);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static EngineException invalid(String message) {
        return new EngineException(EngineException.Kind.INVALID_SPEC, message);
    }
}
