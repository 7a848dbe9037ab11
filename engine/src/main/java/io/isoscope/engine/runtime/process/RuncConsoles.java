package io.isoscope.engine.runtime.process;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.EngineException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The consoles of process-isolated containers: attaching to the terminal a TTY container's monitor holds, and
 * {@code runc exec} under a monitor of its own (so the exec'd process depends on no engine thread). Thread-safe.
 */
final class RuncConsoles {

    /** How long the handshake with a running monitor may take. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(10);
    /** How long {@code runc exec} may take to start the process (a loaded host can be slow). */
    private static final Duration EXEC_WAIT = Duration.ofSeconds(30);

    private final SecureRandom random = new SecureRandom();

    /** Attaches to the monitor of container {@code id}, whose sockets are {@code sockets}. */
    ConsoleSession attach(SocketDir sockets, String id) throws IOException {
        Path socket = sockets.attach();
        if (!Files.exists(socket)) {
            throw new EngineException(EngineException.Kind.CONFLICT, "the monitor of container " + id.substring(0, 12)
                    + " serves no console (it was started by an Isoscope without consoles): restart the container");
        }
        try {
            return MonitorConsole.connect(socket, System.nanoTime() + ATTACH_WAIT.toNanos());
        } catch (MonitorConsole.Refused e) {
            throw new EngineException(EngineException.Kind.CONFLICT, e.getMessage(), e);
        } catch (SocketException e) {
            throw new EngineException(EngineException.Kind.CONFLICT, "the monitor of container " + id.substring(0, 12)
                    + " does not accept consoles (the container is ending): " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} in container {@code id} (its files in {@code dir}) through {@code runc exec}; its stderr
     * in the session's {@code errorOutput()} when {@code separateStderr} (no terminal), else in its output.
     */
    ConsoleSession exec(Path runc, Path shim, ContainerDir dir, SocketDir sockets, String id, List<String> command,
                        boolean tty, boolean separateStderr) throws IOException {
        String token = HexFormat.of().formatHex(randomBytes());
        Path socket = sockets.exec(token);
        SocketDir.checkLength(socket);
        sockets.create();
        List<String> args = new ArrayList<>(List.of(shim.toString(), "exec", "--runc", runc.toString(),
                "--root", dir.runcRoot().toString(), "--runc-log", sockets.execLog(token).toString(),
                "--pid-file", sockets.execPid(token).toString(), "--socket", socket.toString()));
        if (tty) {
            args.addAll(List.of("--tty", "--console", sockets.execConsole(token).toString()));
        }
        args.add("--");
        args.add(id);
        args.addAll(command);
        Process monitor = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        // It says "ready" once its socket listens, or why it cannot; then it lets go of this pipe.
        String said;
        try (InputStream in = monitor.getInputStream()) {
            said = new String(in.readNBytes(6), StandardCharsets.UTF_8);
            if (!said.equals("ready\n")) {
                said = (said + new String(in.readNBytes(4096), StandardCharsets.UTF_8)).trim();
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "the exec monitor could not start: "
                        + (said.isEmpty() ? "it exited with " + monitor.waitFor() : said));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.IO, "interrupted while starting exec");
        }
        try {
            return MonitorConsole.connect(socket, System.nanoTime() + EXEC_WAIT.toNanos(), separateStderr && !tty);
        } catch (MonitorConsole.Refused e) {
            throw execFailure(e.getMessage(), e);
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[4];
        random.nextBytes(b);
        return b;
    }

    /**
     * runc's words for an exec that could not start, as docker reports them: a program that is not there is
     * {@code exec: "x": executable file not found in $PATH} (COMMAND_NOT_FOUND, exit 127 in the CLI); anything
     * else (not executable, ...) is RUNTIME_FAILED (126).
     */
    static EngineException execFailure(String runcMessage, Throwable cause) {
        int at = runcMessage.indexOf("exec: \"");
        String said = at >= 0 ? runcMessage.substring(at) : runcMessage;
        if (runcMessage.contains("executable file not found") || runcMessage.contains("no such file or directory")) {
            return new EngineException(EngineException.Kind.COMMAND_NOT_FOUND, said, cause);
        }
        return new EngineException(EngineException.Kind.RUNTIME_FAILED, at >= 0 ? said : "runc exec failed: " + said, cause);
    }
}
