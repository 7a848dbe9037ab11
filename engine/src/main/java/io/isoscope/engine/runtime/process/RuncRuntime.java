package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.FileTrees;
import io.isoscope.engine.sys.Syscalls;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Process isolation through {@code runc}: prepares a bundle over an overlay root filesystem and runs it under its
 * monitor ({@code isoscope-shim}, resources/shim), which outlives the engine. Thread-safe: per-container calls touch only that
 * container's directory; callers serialise calls for one container.
 */
public final class RuncRuntime {

    /** Short, because the wait for runc's PID file is part of every container's start latency. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final Path runc;
    private final Path shim;
    private final Syscalls sys;
    private final ObjectMapper json;
    private volatile String version;

    /** A runtime using the {@code runc} binary at {@code runc}, each container under the monitor {@code shim}. */
    public RuncRuntime(Path runc, Path shim, Syscalls sys, ObjectMapper json) {
        this.runc = runc;
        this.shim = shim;
        this.sys = sys;
        this.json = json;
    }

    /** The runc binary this runtime runs. */
    public Path binary() {
        return runc;
    }

    /** Writes the bundle (config, overlay dirs) for a new container. */
    public void prepare(ContainerDir dir, ObjectNode config, OciConfigWriter writer) throws IOException {
        Files.createDirectories(dir.rootfs());
        Files.createDirectories(dir.upper());
        Files.createDirectories(dir.work());
        Files.createDirectories(dir.runcRoot());
        writer.write(config, dir.config());
    }

    /**
     * Mounts the root filesystem and starts the workload under the monitor; returns its host PID once it runs.
     * Throws {@link EngineException} with runc's own words if runc fails.
     */
    public long start(ContainerDir dir, String id, List<Path> lowerDirs, Duration timeout, Checkpoints checkpoints,
                      SocketDir sockets) throws IOException {
        boolean tty = Files.exists(dir.terminalMarker());
        if (tty) {
            SocketDir.checkLength(sockets.attach());
        }
        mountRootfs(dir, lowerDirs);
        Files.deleteIfExists(dir.pidFile());
        Files.deleteIfExists(dir.exitFile());
        Files.deleteIfExists(dir.runcLog());
        List<String> command = new ArrayList<>(List.of(shim.toString(), "container", "--runc", runc.toString(),
                "--root", dir.runcRoot().toString(), "--runc-log", dir.runcLog().toString(),
                "--bundle", dir.root().toString(), "--pid-file", dir.pidFile().toString(),
                "--exit-file", dir.exitFile().toString(), "--monitor-pid", dir.monitorPidFile().toString(),
                "--log", dir.log().toString()));
        if (tty) {
            sockets.create();
            command.addAll(List.of("--tty", "--socket", sockets.attach().toString(), "--console", sockets.console().toString()));
        }
        command.addAll(List.of("--", id));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The monitor's own complaints (if it cannot start at all) land in the log as plain lines.
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()));
        pb.redirectErrorStream(true);
        Process shimProcess = pb.start();
        checkpoints.reached("start.spawned");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OptionalLong pid = pid(dir);
            if (pid.isPresent()) {
                return pid.getAsLong();
            }
            // A monitor that exits 0 without an exit file has handed over to a child of its own (see its setsid).
            if (Files.exists(dir.exitFile()) || (!shimProcess.isAlive() && shimProcess.exitValue() != 0)) {
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "runc could not start the container: "
                        + lastRuncError(dir));
            }
            if (System.nanoTime() > deadline) {
                // The monitor leads a session of its own, whose group holds the runc it started: killing only
                // the monitor would leave a hung runc running as an orphan.
                sys.kill(-shimProcess.pid(), Syscalls.SIGKILL);
                shimProcess.destroyForcibly();
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED,
                        "runc did not start the container within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The workload's host PID, once runc has written it. */
    public static OptionalLong pid(ContainerDir dir) {
        String text = readSmall(dir.pidFile());
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The exit code, once the monitor has recorded it (128+N for a workload killed by signal N). */
    public static OptionalInt exitCode(ContainerDir dir) {
        String text = readSmall(dir.exitFile());
        if (text == null || text.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.lines().findFirst().orElse("").trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Why the container ended, when that was not its workload's own doing (the exit file's second line). */
    public static Optional<String> exitReason(ContainerDir dir) {
        String text = readSmall(dir.exitFile());
        return text == null ? Optional.empty()
                : text.lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).findFirst();
    }

    /** Records an exit the monitor could not record (it is gone); keeps one already recorded. */
    public static void recordExit(ContainerDir dir, int code, String reason) throws IOException {
        if (exitCode(dir).isPresent()) {
            return;
        }
        Path tmp = dir.exitFile().resolveSibling("exit.engine.tmp");
        Files.writeString(tmp, code + "\n" + reason + "\n");
        Files.move(tmp, dir.exitFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The container's monitor, if it still runs: from the PID it wrote, or (when the engine died before the
     * monitor could write it) found by its arguments, which name the container.
     */
    public static Optional<ProcessHandle> monitor(ContainerDir dir, String id) {
        String text = readSmall(dir.monitorPidFile());
        if (text != null && !text.isBlank()) {
            try {
                Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(text.trim()))
                        .filter(p -> p.isAlive() && isMonitorOf(p, dir, id));
                if (h.isPresent()) {
                    return h;
                }
            } catch (NumberFormatException e) {
                // torn file: look it up by its arguments
            }
        }
        return ProcessHandle.allProcesses().filter(p -> isMonitorOf(p, dir, id)).findFirst();
    }

    private static boolean isMonitorOf(ProcessHandle p, ContainerDir dir, String id) {
        List<String> args = p.info().arguments().map(List::of).orElse(List.of());
        // An unreadable command line (the process is just ending) counts as ours only via the PID file above.
        // Exec monitors name the container too, but they run "exec" and write no monitor.pid.
        if (!args.isEmpty() && args.get(0).equals("container") && args.contains(id)
                && args.contains(dir.monitorPidFile().toString())) {
            return true;
        }
        // A container started before the monitor was a program of its own runs under `sh -c SCRIPT isoscope-shim
        // ...` (or setsid, about to exec that shell): still its monitor, which must not be taken for dead.
        return args.contains("isoscope-shim") && args.contains(id)
                && p.info().command().map(c -> c.endsWith("sh") || c.endsWith("setsid")).orElse(false);
    }

    /** Sends a signal to the workload; false if it is already gone. */
    public boolean signal(long hostPid, int signal) {
        return sys.kill(hostPid, signal);
    }

    /**
     * Kills and deletes whatever runc still runs for the container ({@code runc delete --force}); true if there
     * was something. The monitor's {@code runc run} deletes its state when the workload exits, so state left
     * behind means a monitor or runc that died.
     */
    public boolean deleteState(ContainerDir dir, String id) throws IOException {
        if (!hasRuncState(dir, id)) {
            return false;
        }
        Process p = new ProcessBuilder(runc.toString(), "--root", dir.runcRoot().toString(), "delete", "--force", id)
                .redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Removes runc's state, the rootfs mount and every file of the container. */
    public void destroy(ContainerDir dir, String id) throws IOException {
        monitor(dir, id).ifPresent(m -> sys.kill(-m.pid(), Syscalls.SIGKILL)); // its session's group: monitor + runc
        deleteState(dir, id);
        sys.unmount(dir.rootfs().toString());
        if (Files.isDirectory(dir.rootfs())) {
            try (Stream<Path> left = Files.list(dir.rootfs())) {
                if (left.findAny().isPresent()) {
                    // Never walk a still-mounted root: that would be deleting through the overlay.
                    throw new IOException("the root filesystem at " + dir.rootfs() + " is still mounted");
                }
            }
        }
        FileTrees.delete(dir.root());
    }

    /** Unmounts the root filesystem of a container that has ended (its files stay for a restart). */
    public void releaseRootfs(ContainerDir dir) {
        sys.unmount(dir.rootfs().toString());
    }

    /** {@code runc --version}'s first line, e.g. "runc version 1.1.5+ds1"; asked once (readiness is checked per start). */
    public String version() {
        String v = version;
        if (v == null) {
            v = askVersion();
            version = v;
        }
        return v;
    }

    private String askVersion() {
        try {
            Process p = new ProcessBuilder(runc.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("runc").trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "runc";
        }
    }

    /** Whether runc still holds state for the container (running, or left behind by a monitor or runc that died). */
    boolean hasState(ContainerDir dir, String id) {
        return hasRuncState(dir, id);
    }

    private boolean hasRuncState(ContainerDir dir, String id) {
        return Files.isDirectory(dir.runcRoot().resolve(id));
    }

    private void mountRootfs(ContainerDir dir, List<Path> lowerDirs) throws IOException {
        List<String> lowers = new ArrayList<>();
        for (Path p : lowerDirs) {
            lowers.add(checkOverlayPath(p));
        }
        String options = "lowerdir=" + String.join(":", lowers) + ",upperdir=" + checkOverlayPath(dir.upper())
                + ",workdir=" + checkOverlayPath(dir.work());
        sys.unmount(dir.rootfs().toString()); // a mount left by a previous run of this container
        sys.mountOverlay(dir.rootfs().toString(), options);
    }

    private static String checkOverlayPath(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.contains(",") || s.contains(":")) {
            throw new EngineException(EngineException.Kind.INVALID_SPEC,
                    "the state directory path may not contain ',' or ':' (overlayfs cannot mount it): " + s);
        }
        return s;
    }

    private String lastRuncError(ContainerDir dir) {
        String log = readSmall(dir.runcLog());
        String last = null;
        if (log != null) {
            for (String line : log.split("\n")) {
                try {
                    JsonNode n = json.readTree(line);
                    if (n != null && "error".equals(n.path("level").asText()) && n.hasNonNull("msg")) {
                        last = n.get("msg").asText();
                    }
                } catch (IOException notJson) {
                    // runc may also print plain text; keep the last non-empty line as a fallback
                    if (!line.isBlank()) {
                        last = line.trim();
                    }
                }
            }
        }
        if (last == null) {
            last = monitorComplaint(dir);
        }
        return last != null ? last : "runc exited without saying why (see " + dir.log() + ")";
    }

    /** The monitor's own last complaint (it could not even run runc), from the plain lines it left in the log. */
    private static String monitorComplaint(ContainerDir dir) {
        String log = readSmall(dir.log());
        if (log == null) {
            return null;
        }
        return log.lines().filter(l -> l.startsWith("isoscope-shim: ")).reduce((a, b) -> b)
                .map(l -> "the container's monitor failed: " + l.substring("isoscope-shim: ".length()))
                .orElse(null);
    }

    private static String readSmall(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
