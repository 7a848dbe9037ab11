package io.isoscope.engine.testing;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ImageInfo;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.engine.api.RuntimeReadiness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory {@link ContainerEngine} for unit tests of callers (ViewModels, CLI). A "running" container gets
 * one process (container PID 1) that is visible in the host table for PROCESS isolation and hidden behind a
 * {@code vmwp} row for HYPERV. Only {@code busybox:latest} exists. Thread-safe (synchronized).
 */
public class FakeContainerEngine implements ContainerEngine {

    /** The environment the fake's busybox image brings, before the spec's own entries. */
    public static final String IMAGE_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Map<String, ContainerInfo> containers = new LinkedHashMap<>();
    private final Map<String, List<LogLine>> logs = new LinkedHashMap<>();
    private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<EngineEvent> history = new CopyOnWriteArrayList<>();
    private final List<EchoConsole> consoles = new CopyOnWriteArrayList<>();
    private final List<HostProcess> baseHost = new ArrayList<>();
    private final AtomicLong nextPid = new AtomicLong(6466);
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final StringBuilder calls = new StringBuilder();
    private final List<EngineWarning> warnings = new ArrayList<>();
    private final Map<String, ContainerStats> stats = new LinkedHashMap<>();
    private boolean hypervAvailable;
    private volatile CountDownLatch startGate;

    public FakeContainerEngine() {
        baseHost.add(host(1, 0, "init", "/sbin/init", ProcessRole.HOST, null, null));
        baseHost.add(host(200, 1, "sshd", "/usr/sbin/sshd -D", ProcessRole.HOST, null, null));
    }

    /** Makes HYPERV report available (it is unavailable by default, as in issue 2). */
    public synchronized FakeContainerEngine withHyperv(boolean available) {
        this.hypervAvailable = available;
        return this;
    }

    /** Adds a warning, as a real engine records one when it had to repair its state on opening. */
    public synchronized FakeContainerEngine withWarning(EngineWarning warning) {
        warnings.add(warning);
        return this;
    }

    /** Adds an ordinary host process. */
    public synchronized void addHostProcess(long pid, String name) {
        baseHost.add(host(pid, 1, name, name, ProcessRole.HOST, null, null));
    }

    /** A log of the mutating calls made, e.g. "run busybox;stop abc;". */
    public synchronized String calls() {
        return calls.toString();
    }

    /** Makes a running container exit with {@code code}, firing DIED. */
    public synchronized void exit(String container, int code) {
        ContainerInfo c = find(container);
        put(c, ContainerState.EXITED, code, "exited");
        fire(EngineEvent.Type.DIED, c, "exitCode=" + code);
    }

    @Override
    public synchronized ContainerInfo create(ContainerSpec spec) {
        calls.append("create ").append(spec.image()).append(';');
        if (spec.command().isEmpty()) {
            throw new EngineException(EngineException.Kind.INVALID_SPEC, "no command specified");
        }
        String ref = spec.image().contains(":") ? spec.image() : spec.image() + ":latest";
        if (!ref.equals("busybox:latest")) {
            throw new EngineException(EngineException.Kind.IMAGE_NOT_FOUND, "No such image: " + ref);
        }
        if (spec.isolation() == Isolation.HYPERV && !hypervAvailable) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE, "hyperv isolation is not available");
        }
        String id = newId();
        String name = spec.name() != null ? spec.name() : "fake_" + containers.size();
        List<String> env = new ArrayList<>(List.of(IMAGE_PATH));
        env.addAll(spec.env());
        ContainerInfo c = new ContainerInfo(id, name, ref, "sha256:" + "0".repeat(64), spec.command(),
                spec.isolation(), ContainerState.CREATED, null, null, Instant.now(), null, null, null,
                spec.autoRemove(), spec.isolation() == Isolation.PROCESS ? "runc (fake)" : "qemu (fake)", spec.tty(),
                env, limits(spec));
        containers.put(id, c);
        fire(EngineEvent.Type.CREATED, c, null);
        return c;
    }

    /**
     * The limits the real engine records for {@code spec}: the runc defaults (no memory or CPU limit, a pids limit
     * of {@value ContainerSpec#DEFAULT_PIDS_LIMIT}, -1 for none), or a VM of 128 MiB and 1 vCPU unless asked for more.
     */
    private static ResourceLimits limits(ContainerSpec spec) {
        if (spec.isolation() == Isolation.HYPERV) {
            return ResourceLimits.of(spec.memoryMiB() > 0 ? spec.memoryMiB() : 128, spec.cpus() > 0 ? spec.cpus() : 1, 0);
        }
        int pids = spec.pidsLimit();
        return ResourceLimits.of(spec.memoryMiB(), spec.cpus(),
                pids == 0 ? ContainerSpec.DEFAULT_PIDS_LIMIT : Math.max(0, pids));
    }

    /**
     * Makes every later start wait until {@code gate} opens (outside the engine's lock, so listing and the other
     * calls go on meanwhile), like a VM that takes a while to boot; {@code null} makes starts immediate again.
     */
    public FakeContainerEngine withStartGate(CountDownLatch gate) {
        this.startGate = gate;
        return this;
    }

    @Override
    public ContainerInfo start(String container) {
        CountDownLatch gate = startGate;
        if (gate != null) {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new EngineException(EngineException.Kind.IO, "the fake's start gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException(EngineException.Kind.IO, "interrupted while starting");
            }
        }
        return startNow(container);
    }

    private synchronized ContainerInfo startNow(String container) {
        ContainerInfo c = find(container);
        calls.append("start ").append(c.name()).append(';');
        pids.put(c.id(), nextPid.getAndIncrement());
        ContainerInfo r = put(c, ContainerState.RUNNING, null, null);
        fire(EngineEvent.Type.STARTED, r, null);
        return r;
    }

    @Override
    public synchronized ContainerInfo stop(String container, Duration grace) {
        ContainerInfo c = find(container);
        calls.append("stop ").append(c.name()).append(';');
        ContainerInfo r = put(c, ContainerState.EXITED, 143, "stopped");
        fire(EngineEvent.Type.STOPPED, r, null);
        return r;
    }

    @Override
    public synchronized ContainerInfo kill(String container) {
        ContainerInfo c = find(container);
        calls.append("kill ").append(c.name()).append(';');
        ContainerInfo r = put(c, ContainerState.EXITED, 137, "killed");
        fire(EngineEvent.Type.KILLED, r, null);
        return r;
    }

    @Override
    public synchronized void remove(String container, boolean force) {
        ContainerInfo c = find(container);
        calls.append("rm ").append(c.name()).append(';');
        if (c.isRunning() && !force) {
            throw new EngineException(EngineException.Kind.CONFLICT,
                    "You cannot remove a running container " + c.id() + ". Stop the container before attempting removal or force remove");
        }
        containers.remove(c.id());
        pids.remove(c.id());
        stats.remove(c.id());
        fire(EngineEvent.Type.REMOVED, c, null);
    }

    @Override
    public synchronized List<ContainerInfo> list(boolean all) {
        return containers.values().stream().filter(c -> all || c.isRunning())
                .sorted(Comparator.comparing(ContainerInfo::createdAt).reversed()).toList();
    }

    @Override
    public synchronized ContainerInfo inspect(String container) {
        return find(container);
    }

    @Override
    public synchronized ContainerInfo awaitExit(String container, Duration timeout) {
        return find(container);
    }

    @Override
    public Path logFile(String container) {
        return Path.of("/dev/null");
    }

    @Override
    public synchronized String logs(String container) {
        StringBuilder out = new StringBuilder();
        logOf(container).forEach(l -> out.append(l.text()).append('\n'));
        return out.toString();
    }

    /** The fake's offsets count lines, not bytes: enough for a reader that only passes nextOffset back. */
    @Override
    public synchronized LogChunk readLog(String container, long offset) {
        List<LogLine> all = logOf(container);
        int from = (int) Math.min(Math.max(offset, 0), all.size());
        return new LogChunk(all.subList(from, all.size()), all.size());
    }

    /** Appends a line to a container's log, as its workload would. */
    public synchronized void appendLog(String container, LogLine line) {
        logOf(container).add(line);
    }

    private List<LogLine> logOf(String container) {
        String id = find(container).id();
        return logs.computeIfAbsent(id, k -> new ArrayList<>(List.of(new LogLine(Instant.now(), LogStream.STDOUT,
                "PING 127.0.0.1 (127.0.0.1): 56 data bytes"))));
    }

    @Override
    public synchronized List<ContainerProcess> processes(String container) {
        ContainerInfo c = find(container);
        if (!c.isRunning()) {
            return List.of();
        }
        String name = c.command().get(0);
        Long hostPid = c.isolation() == Isolation.PROCESS ? pids.get(c.id()) : null;
        return List.of(new ContainerProcess(1, 0, hostPid, "root", name, String.join(" ", c.command()), 0.01,
                1 << 20, c.startedAt()));
    }

    /**
     * What {@link #stats} returns for {@code container} from now on; by default a running container uses a quarter
     * of a CPU and 4 MiB (a VM: 150 MiB of 128 MiB RAM, 1 MiB in the guest).
     */
    public synchronized void setStats(String container, ContainerStats sample) {
        stats.put(find(container).id(), sample);
    }

    @Override
    public synchronized ContainerStats stats(String container) {
        ContainerInfo c = find(container);
        if (!c.isRunning()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "container " + c.name() + " is not running");
        }
        ContainerStats set = stats.get(c.id());
        if (set != null) {
            return set;
        }
        Instant now = Instant.now();
        double cpu = Duration.between(c.startedAt(), now).toNanos() / 1e9 / 4;
        return c.isolation() == Isolation.PROCESS
                ? new ContainerStats(now, cpu, 4 << 20, null, 1, "cgroup v1 (fake)", null)
                : new ContainerStats(now, cpu, 150L << 20, 128L << 20, 1, "vmwp process + guest (fake)",
                new ContainerStats.GuestUsage(cpu / 10, 1 << 20, 1));
    }

    @Override
    public synchronized List<HostProcess> hostProcesses() {
        List<HostProcess> rows = new ArrayList<>(baseHost);
        for (ContainerInfo c : containers.values()) {
            if (!c.isRunning()) {
                continue;
            }
            long pid = pids.get(c.id());
            if (c.isolation() == Isolation.PROCESS) {
                rows.add(host(pid, 1, c.command().get(0), String.join(" ", c.command()), ProcessRole.CONTAINER, c.id(), 1L));
            } else {
                rows.add(host(pid, 1, "vmwp", "qemu-system-x86_64 -name " + c.id() + ",process=vmwp",
                        ProcessRole.VM_WORKER, c.id(), null));
            }
        }
        return rows;
    }

    @Override
    public List<ImageInfo> images() {
        return List.of(new ImageInfo("busybox:latest", "sha256:" + "0".repeat(64), 1_000_000, Instant.EPOCH));
    }

    @Override
    public synchronized List<RuntimeReadiness> readiness() {
        return List.of(new RuntimeReadiness(Isolation.PROCESS, true, "runc (fake)", null, null),
                hypervAvailable ? new RuntimeReadiness(Isolation.HYPERV, true, "qemu (fake)", null, null)
                        : new RuntimeReadiness(Isolation.HYPERV, false, null,
                        "VM isolation is not available in this build", "wait for the VM runtime"));
    }

    /** A terminal that echoes what is typed, as a shell's line discipline would; Ctrl-C prints ^C. */
    @Override
    public synchronized ConsoleSession attach(String container) {
        ContainerInfo c = find(container);
        if (!c.isRunning() || !c.tty()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "container " + c.name() + " has no running terminal");
        }
        EchoConsole console = new EchoConsole();
        consoles.add(console);
        return console;
    }

    @Override
    public synchronized ConsoleSession exec(String container, List<String> command, boolean tty) {
        ContainerInfo c = find(container);
        if (!c.isRunning()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "Container " + c.id() + " is not running");
        }
        EchoConsole console = new EchoConsole();
        consoles.add(console);
        return console;
    }

    /** The consoles handed out so far, to check what a view typed and how it resized them. */
    public List<EchoConsole> consoles() {
        return List.copyOf(consoles);
    }

    @Override
    public List<EngineEvent> events(String container) {
        return history.stream().filter(e -> container == null || e.containerId().equals(container)
                || container.equals(e.name())).toList();
    }

    @Override
    public AutoCloseable subscribe(Consumer<EngineEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized List<EngineWarning> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
    }

    private String newId() {
        try {
            byte[] seed = ("fake-" + containers.size() + "-" + nextPid.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // Distinct leading digits, so short ids differ as they do in a real engine.
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(seed));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContainerInfo find(String ref) {
        for (ContainerInfo c : containers.values()) {
            if (c.id().equals(ref) || c.name().equals(ref) || (ref.length() >= 3 && c.id().startsWith(ref))) {
                return c;
            }
        }
        throw new EngineException(EngineException.Kind.NO_SUCH_CONTAINER, "No such container: " + ref);
    }

    private ContainerInfo put(ContainerInfo c, ContainerState state, Integer exit, String reason) {
        boolean running = state == ContainerState.RUNNING;
        ContainerInfo r = c.withState(state, exit, running ? pids.get(c.id()) : null,
                running ? Instant.now() : c.startedAt(), running ? null : Instant.now(), reason);
        containers.put(c.id(), r);
        return r;
    }

    private void fire(EngineEvent.Type type, ContainerInfo c, String detail) {
        EngineEvent e = new EngineEvent(Instant.now(), type, c.id(), c.name(), detail);
        history.add(e);
        listeners.forEach(l -> l.accept(e));
    }

    private static HostProcess host(long pid, long ppid, String name, String cmd, ProcessRole role, String cid, Long cpid) {
        return new HostProcess(pid, ppid, name, cmd, "root", 0.5, 4 << 20, 16 << 20, 1, pid, Instant.EPOCH, role, cid, cpid);
    }
}
