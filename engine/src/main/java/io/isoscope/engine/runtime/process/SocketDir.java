package io.isoscope.engine.runtime.process;

import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.runtime.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The unix sockets of one process-isolated container's monitors: {@code STATE/run/SHORT-ID/} (mode 0700), short
 * because a socket path may not exceed 107 bytes, and apart from the container's directory for the same reason.
 * Immutable, thread-safe.
 *
 * @param dir the directory
 */
public record SocketDir(Path dir) {

    /** The most bytes a unix socket path may have (sun_path is 108 bytes with the terminating NUL). */
    static final int MAX_PATH = 107;

    /** The directory for container {@code id} under the state's {@code runDir}. */
    static SocketDir of(Path runDir, String id) {
        return new SocketDir(runDir.resolve(id.substring(0, Math.min(12, id.length()))));
    }

    /** Where consoles attach to a TTY container's monitor. */
    public Path attach() {
        return dir.resolve("attach.sock");
    }

    /** Where runc hands the container's pty master to its monitor (gone once received). */
    public Path console() {
        return dir.resolve("console.sock");
    }

    /** The console socket of exec session {@code token}. */
    public Path exec(String token) {
        return dir.resolve("exec-" + token + ".sock");
    }

    /** Where runc hands exec session {@code token}'s pty master to its monitor. */
    public Path execConsole(String token) {
        return dir.resolve("exec-" + token + ".tty");
    }

    /** runc's PID file for exec session {@code token}. */
    public Path execPid(String token) {
        return dir.resolve("exec-" + token + ".pid");
    }

    /** runc's JSON log for exec session {@code token}. */
    public Path execLog(String token) {
        return dir.resolve("exec-" + token + ".log");
    }

    /** Creates the directory (and the run dir above it) owner-only, if missing. */
    void create() throws IOException {
        Path parent = dir.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Removes the directory and whatever sockets were left in it (by a monitor that was killed). */
    void delete() throws IOException {
        FileTrees.delete(dir);
    }

    /** Throws a clear error when {@code socket}'s path is too long to bind. */
    static void checkLength(Path socket) {
        int length = socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length > MAX_PATH) {
            throw new EngineException(EngineException.Kind.IO, "the state directory's path is too long for a unix socket ("
                    + socket + " has " + length + " bytes, at most " + MAX_PATH + "): set ISOSCOPE_HOME to a shorter path");
        }
    }
}
