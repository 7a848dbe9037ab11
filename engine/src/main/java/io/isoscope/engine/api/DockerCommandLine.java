package io.isoscope.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code docker run} command line equivalent to a spec, for showing users. Stateless, thread-safe. */
public final class DockerCommandLine {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private DockerCommandLine() {
    }

    /** E.g. {@code docker run -d --isolation=hyperv --name web busybox ping 127.0.0.1}; {@code -it} for a TTY spec. */
    public static String of(ContainerSpec spec, boolean detach) {
        List<String> args = new ArrayList<>(List.of("docker", "run"));
        if (detach) {
            args.add("-d");
        }
        if (spec.tty()) {
            args.add("-it"); // a terminal with stdin open, as the console needs
        }
        if (spec.autoRemove()) {
            args.add("--rm");
        }
        if (spec.isolation() != Isolation.PROCESS) {
            args.add("--isolation=" + spec.isolation().dockerName());
        }
        if (spec.name() != null) {
            args.add("--name");
            args.add(spec.name());
        }
        if (spec.memoryMiB() > 0) {
            args.add("--memory=" + LimitSyntax.memoryText(spec.memoryMiB()));
        }
        if (spec.cpus() > 0) {
            args.add("--cpus=" + spec.cpus());
        }
        if (spec.pidsLimit() != 0) {
            args.add("--pids-limit=" + spec.pidsLimit());
        }
        for (String e : spec.env()) {
            args.add("-e");
            args.add(e);
        }
        args.add(spec.image().isEmpty() ? "IMAGE" : spec.image());
        args.addAll(spec.command());
        return String.join(" ", args.stream().map(DockerCommandLine::quote).toList());
    }

    /** POSIX-shell quoting of one word, only where needed. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
