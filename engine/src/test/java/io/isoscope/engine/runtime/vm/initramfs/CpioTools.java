package io.isoscope.engine.runtime.vm.initramfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads cpio archives back with the real tools, GNU cpio and busybox cpio, so tests check the format against
 * independent readers rather than against the writer's own idea of it. Stateless, thread-safe.
 */
final class CpioTools {

    /** One line of a verbose listing. {@code target} is a symbolic link's target, else null. */
    record Listed(String mode, int uid, int gid, long size, String name, String target) {
    }

    // GNU: "-rw-r--r--   1 0        0               3 Jan  1  1970 name -> target"
    private static final Pattern GNU_LINE = Pattern.compile(
            "(\\S{10})\\s+\\d+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\w{3}\\s+\\d+\\s+[\\d:]+\\s(.*)");
    // busybox: "-rw-r--r-- 0/0         3 1970-01-01 00:00:00 name -> target"
    private static final Pattern BUSYBOX_LINE = Pattern.compile(
            "(\\S{10}) (\\d+)/(\\d+)\\s+(\\d+) \\S+ \\S+ (.*)");
    private static final String ARROW = " -> ";

    private CpioTools() {
    }

    /** {@code cpio -itv --numeric-uid-gid} (GNU) of {@code archive}, in archive order. */
    static List<Listed> gnuList(Path archive) throws IOException, InterruptedException {
        return parse(run(List.of("cpio", "-itv", "--numeric-uid-gid", "-F", archive.toString()), archive.getParent()),
                GNU_LINE);
    }

    /** {@code busybox cpio -t -v} of {@code archive}, in archive order. */
    static List<Listed> busyboxList(Path archive) throws IOException, InterruptedException {
        return parse(run(List.of("/bin/busybox", "cpio", "-t", "-v", "-F", archive.toString()), archive.getParent()),
                BUSYBOX_LINE);
    }

    /** Extracts {@code archive} into the existing directory {@code into} with GNU cpio, keeping modes and mtimes. */
    static void extract(Path archive, Path into) throws IOException, InterruptedException {
        run(List.of("cpio", "-idm", "--no-absolute-filenames", "-F", archive.toString()), into);
    }

    /** Runs {@code argv} in {@code dir}; returns its stdout, failing on a non-zero exit or after 60 s. */
    static String run(List<String> argv, Path dir) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("cpio-tool-", ".out");
        Path stderr = Files.createTempFile("cpio-tool-", ".err");
        try {
            Process process = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(argv + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(argv + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static List<Listed> parse(String listing, Pattern line) {
        List<Listed> entries = new ArrayList<>();
        for (String text : listing.split("\n")) {
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = line.matcher(text);
            if (!m.matches()) {
                throw new AssertionError("unexpected listing line: " + text);
            }
            String name = m.group(5);
            String target = null;
            if (m.group(1).startsWith("l")) {
                int arrow = name.indexOf(ARROW);
                target = name.substring(arrow + ARROW.length());
                name = name.substring(0, arrow);
            }
            entries.add(new Listed(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Long.parseLong(m.group(4)), name, target));
        }
        return entries;
    }
}
