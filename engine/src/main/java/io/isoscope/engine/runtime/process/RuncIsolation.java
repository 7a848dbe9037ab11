package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.runtime.IsolationRuntime;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.runtime.FileTrees;
import io.isoscope.engine.sys.Syscalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Process isolation: {@link RuncRuntime} behind the engine's runtime interface, with finding runc and saying
 * what is missing. runc is looked up again while it is missing, so installing it needs no restart. Thread-safe.
 */
public final class RuncIsolation implements IsolationRuntime {

    /** How long a recovering engine waits for a start it found half-way to get through. */
    private static final Duration RECOVER_WAIT = Duration.ofSeconds(30); // as long as a start may take
    /** Where Debian puts runc; root's PATH has these, a user's may not. */
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** What runc's init process is called until it execs the workload. */
    private static final String RUNC_INIT = "runc:[";
    private static final long EXEC_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Path configuredRunc;
    private final String pathEnv;
    private final MonitorBinary shim;
    private final Path runDir;
    private final RuncConsoles consoles = new RuncConsoles();
    private final Syscalls sys;
    private final ObjectMapper json;
    private final OciConfigWriter writer;
    private final Checkpoints checkpoints;
    private volatile RuncRuntime runc;
    private volatile RuncFeatures features;

    /**
     * Uses {@code configuredRunc}, or (when null) the first runc on {@code pathEnv} or in the sbin dirs, and runs
     * each container under the monitor {@code shim}, whose console sockets go under {@code runDir};
     * {@code checkpoints} hears the points inside a start (fault-injection tests).
     */
    public RuncIsolation(Path configuredRunc, String pathEnv, MonitorBinary shim, Path runDir, Syscalls sys,
                         ObjectMapper json, Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.configuredRunc = configuredRunc;
        this.pathEnv = pathEnv == null ? "" : pathEnv;
        this.shim = shim;
        this.runDir = runDir;
        this.sys = sys;
        this.json = json;
        this.writer = new OciConfigWriter(json);
    }

    @Override
    public Isolation isolation() {
        return Isolation.PROCESS;
    }

    @Override
    public RuntimeReadiness readiness() {
        Optional<RuncRuntime> found = found();
        if (found.isEmpty()) {
            String why = configuredRunc != null ? "the configured runc (" + configuredRunc + ") does not exist"
                    : "runc is not installed (not found in PATH or /usr/sbin)";
            return new RuntimeReadiness(Isolation.PROCESS, false, null, why,
                    configuredRunc != null ? "point ISOSCOPE_RUNC at an installed runc, or unset it" : "apt-get install -y runc");
        }
        String version = found.get().version().replaceFirst("^runc version ", "runc ") + " (" + found.get().binary() + ")";
        if (!sys.isRoot()) {
            return new RuntimeReadiness(Isolation.PROCESS, false, version,
                    "process isolation needs root (rootless containers are not supported yet)",
                    "run Isoscope as root: sudo ./isoscope");
        }
        if (!shim.usable()) {
            return new RuntimeReadiness(Isolation.PROCESS, false, version, shim.problem(), shim.fix());
        }
        return new RuntimeReadiness(Isolation.PROCESS, true, version, null, null);
    }

    @Override
    public String label() {
        return "runc";
    }

    @Override
    public ResourceLimits limits(Workload w) {
        return OciConfigWriter.limits(w.memoryMiB(), w.cpus(), w.pidsLimit());
    }

    @Override
    public void prepare(Path dir, String id, Workload w) throws IOException {
        RuncRuntime r = required();
        ObjectNode config = writer.withLimits(writer.config(w.args(), w.env(), w.cwd(), w.hostname(), "/isoscope/" + id),
                w.memoryMiB(), w.cpus(), w.pidsLimit());
        if (!featuresOf(r).seccomp()) {
            config = writer.withoutSeccomp(config); // runc would refuse the whole config rather than run unfiltered
        }
        if (w.tty()) {
            config = writer.withTerminal(config);
        }
        ContainerDir cd = new ContainerDir(dir);
        r.prepare(cd, config, writer);
        if (w.tty()) {
            Files.createFile(cd.terminalMarker());
        }
    }

    @Override
    public long start(Path dir, String id, String imageDigest, List<Path> layerDirs, Duration timeout) throws IOException {
        ContainerDir cd = new ContainerDir(dir);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pid;
        try {
            pid = requiredWithMonitor().start(cd, id, layerDirs, timeout, checkpoints, sockets(id));
        } catch (EngineException e) {
            OptionalLong ran = ranAndEnded(cd);
            if (ran.isPresent()) {
                return ran.getAsLong();
            }
            release(dir);
            throw e;
        } catch (IOException | RuntimeException e) {
            release(dir);
            throw e;
        }
        awaitExec(pid, deadline);
        return pid;
    }

    /**
     * runc writes the PID file when the container's init is created, before it applies the seccomp filter (with
     * no_new_privileges that is the last step before execve, and it takes runc some 20 ms) and execs the workload:
     * until then the process is {@code runc:[2:INIT]}. The runtime's promise is that start returns once the
     * workload runs, so this waits for the exec (or the end) of the process.
     */
    private static void awaitExec(long pid, long deadline) {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        while (System.nanoTime() - deadline < 0) {
            String name;
            try {
                name = Files.readString(comm);
            } catch (IOException gone) {
                return; // it ran and already ended: the monitor records the exit code
            }
            if (!name.startsWith(RUNC_INIT)) {
                return;
            }
            LockSupport.parkNanos(EXEC_POLL_NANOS);
        }
    }

    /**
     * A workload that ran and ended before the runtime's start loop saw its PID file (the loop reads the PID file,
     * then the exit file; a short workload can do all of it in between): runc said nothing went wrong, wrote the PID
     * and the monitor the exit code. That is a start, not a failure.
     */
    private static OptionalLong ranAndEnded(ContainerDir cd) {
        OptionalLong pid = RuncRuntime.pid(cd);
        if (pid.isEmpty() || RuncRuntime.exitCode(cd).isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            if (Files.exists(cd.runcLog()) && Files.readString(cd.runcLog()).contains("\"level\":\"error\"")) {
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return pid;
    }

    @Override
    public OptionalInt exitCode(Path dir) {
        return RuncRuntime.exitCode(new ContainerDir(dir));
    }

    @Override
    public Optional<Instant> exitTime(Path dir) {
        try {
            return Optional.of(Files.getLastModifiedTime(new ContainerDir(dir).exitFile()).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> exitReason(Path dir) {
        return RuncRuntime.exitReason(new ContainerDir(dir));
    }

    @Override
    public boolean isAlive(Path dir, long hostPid, Instant startedAt) {
        // The monitor is what records the exit: while it runs the container is watched (it outlives the workload
        // by the moment runc takes to tear down). A workload left running without it is not alive but orphaned.
        return RuncRuntime.monitor(new ContainerDir(dir), idOf(dir)).isPresent();
    }

    @Override
    public String reap(Path dir, long hostPid) {
        ContainerDir cd = new ContainerDir(dir);
        String id = idOf(dir);
        Optional<RuncRuntime> r = found();
        try {
            if (r.isPresent() && r.get().hasState(cd, id)) {
                String reason = "its monitor was killed, so nothing could record its exit; Isoscope killed the container";
                // Recorded before the state goes: another look at this container meanwhile (the engine's
                // reconciler and a caller's refresh may both reap) then finds this exit, not a container that
                // vanished without one.
                RuncRuntime.recordExit(cd, 137, reason);
                r.get().deleteState(cd, id);
                release(dir);
                return reason;
            }
            release(dir);
        } catch (IOException e) {
            return "its monitor is gone and its runtime state could not be cleaned up: " + e.getMessage();
        }
        return "its monitor ended without recording an exit code (was it killed, or the host restarted?)";
    }

    @Override
    public OptionalLong recoverStart(Path dir, String id) throws IOException {
        ContainerDir cd = new ContainerDir(dir);
        Optional<ProcessHandle> monitor = RuncRuntime.monitor(cd, id);
        if (monitor.isPresent()) {
            long deadline = System.nanoTime() + RECOVER_WAIT.toNanos();
            while (monitor.get().isAlive() && System.nanoTime() < deadline) {
                OptionalLong pid = RuncRuntime.pid(cd);
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    return pid; // the start got through: adopt it
                }
                if (RuncRuntime.exitCode(cd).isPresent()) {
                    return OptionalLong.empty();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            // A start stuck half-way (or its monitor ending just now): undo it, the container stays startable.
            sys.kill(-monitor.get().pid(), Syscalls.SIGKILL);
        }
        if (RuncRuntime.exitCode(cd).isEmpty()) {
            found().ifPresent(r -> {
                try {
                    r.deleteState(cd, id);
                } catch (IOException e) {
                    throw new EngineException(EngineException.Kind.IO, "cannot clean up runc state of " + id + ": " + e.getMessage(), e);
                }
            });
            Files.deleteIfExists(cd.pidFile());
        }
        release(dir);
        return OptionalLong.empty();
    }

    @Override
    public ConsoleSession attach(Path dir, String id) throws IOException {
        return consoles.attach(sockets(id), id);
    }

    @Override
    public ConsoleSession exec(Path dir, String id, List<String> command, boolean tty) throws IOException {
        return exec(dir, id, command, tty, false);
    }

    @Override
    public ConsoleSession exec(Path dir, String id, List<String> command, boolean tty, boolean separateStderr)
            throws IOException {
        RuncRuntime r = requiredWithMonitor();
        return consoles.exec(r.binary(), shim.path(), new ContainerDir(dir), sockets(id), id, command, tty,
                separateStderr);
    }

    @Override
    public void terminate(Path dir, long hostPid) {
        sys.kill(hostPid, Syscalls.SIGTERM);
    }

    @Override
    public void forceKill(Path dir, long hostPid) {
        sys.kill(hostPid, Syscalls.SIGKILL);
    }

    @Override
    public Optional<List<ContainerProcess>> guestProcesses(Path dir) {
        return Optional.empty(); // the host kernel runs them: /proc shows them
    }

    @Override
    public void release(Path dir) {
        sys.unmount(new ContainerDir(dir).rootfs().toString());
        try {
            sockets(idOf(dir)).delete(); // left behind by a killed monitor; a start makes new ones
        } catch (IOException e) {
            // a socket that cannot be deleted now is deleted with the container
        }
    }

    @Override
    public void destroy(Path dir, String id) throws IOException {
        ContainerDir cd = new ContainerDir(dir);
        Optional<RuncRuntime> r = found();
        if (r.isPresent()) {
            r.get().destroy(cd, id);
            sockets(id).delete();
        } else if (Files.isDirectory(cd.runcRoot().resolve(id))) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                    "runc is needed to clean up this container's runtime state: apt-get install -y runc");
        } else {
            release(dir);
            FileTrees.delete(dir);
        }
    }

    private SocketDir sockets(String id) {
        return SocketDir.of(runDir, id);
    }

    private static String idOf(Path dir) {
        return dir.getFileName().toString();
    }

    /** runc and the monitor, or the reason they cannot run a container. */
    private RuncRuntime requiredWithMonitor() {
        RuncRuntime r = required();
        if (!shim.usable()) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                    "process isolation is not available here: " + shim.problem() + "; " + shim.fix());
        }
        return r;
    }

    private RuncRuntime required() {
        return found().orElseThrow(() -> new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                "process isolation is not available here: " + readiness().reason()));
    }

    /** Asked once per runc binary: it is one more process start, and a binary's features do not change. */
    private RuncFeatures featuresOf(RuncRuntime r) {
        RuncFeatures f = features;
        if (f == null) {
            f = RuncFeatures.ask(r.binary(), json);
            features = f;
        }
        return f;
    }

    private Optional<RuncRuntime> found() {
        RuncRuntime r = runc;
        if (r == null) {
            r = findRunc().map(p -> new RuncRuntime(p, shim.path(), sys, json)).orElse(null);
            runc = r;
        }
        return Optional.ofNullable(r);
    }

    private Optional<Path> findRunc() {
        if (configuredRunc != null) {
            return Files.isExecutable(configuredRunc) ? Optional.of(configuredRunc) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(pathEnv.split(":")));
        dirs.addAll(SBIN);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "runc")).filter(Files::isExecutable).findFirst();
    }


}
