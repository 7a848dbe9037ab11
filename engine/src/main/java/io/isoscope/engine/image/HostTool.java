package io.isoscope.engine.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a host tool (tar, busybox) from an argument array, never a shell string, with its stderr kept in a file so
 * that a failure can quote the tool's own words. Stateless, thread-safe.
 */
final class HostTool {

    private static final int MAX_QUOTED_CHARS = 2000;

    private HostTool() {
    }

    /** A builder for {@code argv} whose stderr goes to {@code stderrFile} and whose stdin is empty. */
    static ProcessBuilder builder(List<String> argv, Path stderrFile) {
        return new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(stderrFile.toFile());
    }

    /** Starts {@code builder}, naming the tool when it cannot be started at all. */
    static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + builder.command().get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for {@code process}; a non-zero exit becomes an {@link IOException} saying {@code what} failed, with the
     * tool's stderr. Interruption kills the tool and is passed on.
     */
    static void awaitSuccess(Process process, Path stderrFile, String what) throws IOException {
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        }
        if (exit != 0) {
            throw new IOException(what + " failed (exit " + exit + "): " + stderr(stderrFile));
        }
    }

    /** What the tool wrote to stderr, trimmed and shortened for a message. */
    private static String stderr(Path stderrFile) throws IOException {
        // Lenient decoding: a tool quoting a file name in another encoding must not hide its message.
        String text = Files.exists(stderrFile)
                ? new String(Files.readAllBytes(stderrFile), StandardCharsets.UTF_8).trim() : "";
        if (text.isEmpty()) {
            return "(no message)";
        }
        return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
    }
}
