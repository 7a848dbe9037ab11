package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;

import java.util.regex.Pattern;

/** Checks a {@link ContainerSpec} before anything is written, with docker's wording where it has one. Stateless. */
final class SpecValidator {

    /** Docker's container-name rule. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private SpecValidator() {
    }

    /** Throws {@link EngineException} (INVALID_SPEC) on the first problem found. */
    static void check(ContainerSpec spec) {
        if (spec.image().isEmpty()) {
            throw invalid("no image given: name the image to run, e.g. busybox");
        }
        if (spec.command().isEmpty()) {
            throw invalid("no command given: name the program to run in the container, e.g. ping 127.0.0.1");
        }
        if (spec.command().get(0).isBlank()) {
            throw invalid("the command is blank: its first word must name a program");
        }
        for (String arg : spec.command()) {
            if (arg.indexOf('\0') >= 0) {
                throw invalid("a command argument contains a NUL character");
            }
        }
        if (spec.name() != null && !NAME.matcher(spec.name()).matches()) {
            throw invalid("Invalid container name (" + spec.name() + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (spec.memoryMiB() < 0 || (spec.memoryMiB() > 0 && spec.memoryMiB() < 6)) {
            throw invalid("Minimum memory limit allowed is 6MB");
        }
        if (spec.cpus() < 0 || spec.cpus() > Runtime.getRuntime().availableProcessors() * 4) {
            throw invalid("invalid --cpus " + spec.cpus() + ": use 1 to " + Runtime.getRuntime().availableProcessors() * 4);
        }
        for (String e : spec.env()) {
            int eq = e.indexOf('=');
            String key = eq < 0 ? e : e.substring(0, eq);
            if (eq < 0 || !ENV_KEY.matcher(key).matches() || e.indexOf('\0') >= 0) {
                throw invalid("invalid environment entry \"" + e + "\": use KEY=VALUE");
            }
        }
    }

    private static EngineException invalid(String message) {
        return new EngineException(EngineException.Kind.INVALID_SPEC, message);
    }
}
