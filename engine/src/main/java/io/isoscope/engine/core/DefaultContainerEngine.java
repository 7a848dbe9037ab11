package io.isoscope.engine.core;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.EngineWarning;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ImageInfo;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.image.Image;
import io.isoscope.engine.image.ImageStore;
import io.isoscope.engine.logs.LogFileReader;
import io.isoscope.engine.proc.ProcReader;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.IsolationRuntime;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.stats.StatsReader;
import io.isoscope.engine.stats.StatsReaders;
import io.isoscope.engine.store.ContainerStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The engine: containers in SQLite, images in the OCI store, each isolation through its {@link IsolationRuntime}
 * (runc namespaces, QEMU utility VMs), the tables from /proc. Operations on one container are serialised by a per-container lock; different containers proceed in
 * parallel. A monitor thread notices containers that end on their own. Thread-safe.
 */
public final class DefaultContainerEngine implements ContainerEngine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final EngineConfig config;
    final ContainerStore store;
    private final ImageStore images;
    private final ProcessTables tables;
    private final Map<Isolation, IsolationRuntime> runtimes;
    final EventBus events;
    private final NameGenerator names = NameGenerator.secure();
    final Clock clock;
    final Path containersDir;
    final ContainerLocks locks;
    final PendingOps pending;
    private final Checkpoints checkpoints;
    private final Map<String, List<Path>> layersByDigest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor;
    private final Recovery recovery;
    private final LogFileReader logReader = new LogFileReader();
    private final Map<Isolation, StatsReader> statsReaders;

    /**
     * Wires the engine from its parts (see {@code io.isoscope.engine.Engines#open}) and, before returning,
     * reconciles the records with reality: interrupted operations are finished or undone, running containers
     * re-adopted, ended ones given their exit code. {@code checkpoints} hears the points inside operations.
     */
    public DefaultContainerEngine(EngineConfig config, ContainerStore store, ImageStore images, ProcReader proc,
                                  List<IsolationRuntime> runtimes, Clock clock, Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.config = config;
        this.store = store;
        this.images = images;
        this.tables = new ProcessTables(proc);
        this.statsReaders = StatsReaders.onThisHost(proc, clock);
        this.clock = clock;
        this.runtimes = new EnumMap<>(Isolation.class);
        runtimes.forEach(r -> this.runtimes.put(r.isolation(), r));
        this.events = new EventBus(store);
        this.containersDir = config.stateDir().resolve("containers");
        try {
            Files.createDirectories(containersDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot create " + containersDir + ": " + e.getMessage(), e);
        }
        Path ops = config.stateDir().resolve("ops");
        this.locks = new ContainerLocks(ops);
        this.pending = new PendingOps(ops);
        this.recovery = new Recovery(this);
        recovery.atStart();
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "isoscope-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::reconcileQuietly, 0, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public ContainerInfo create(ContainerSpec spec) {
        SpecValidator.check(spec);
        IsolationRuntime runtime = requireRuntime(spec.isolation());
        Image image = images.resolve(spec.image());
        List<String> env = new ArrayList<>(image.config().env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add(0, DEFAULT_PATH);
        }
        env.addAll(spec.env());
        String path = env.stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b).orElse(DEFAULT_PATH).substring(5);
        String exe = spec.command().get(0);
        if (images.resolveExecutable(image, exe, path).isEmpty()) {
            throw new EngineException(EngineException.Kind.COMMAND_NOT_FOUND, "exec: \"" + exe
                    + "\": executable file not found in $PATH of image " + image.reference());
        }
        layersByDigest.put(image.digest(), images.layerDirs(image)); // unpack now: start stays fast, a bad layer fails here
        String id = names.newId();
        String name = spec.name() != null ? spec.name() : freeName();
        Path dir = dirOf(id);
        Workload workload = new Workload(spec.command(), env, image.config().workingDir(), id.substring(0, 12),
                spec.memoryMiB(), spec.cpus(), spec.pidsLimit(), spec.tty());
        // Recorded as docker inspect shows them: the whole environment, and the limits as the runtime applies them.
        ContainerInfo info = new ContainerInfo(id, name, image.reference(), image.digest(), spec.command(),
                spec.isolation(), ContainerState.CREATED, null, null, clock.instant(), null, null, null,
                spec.autoRemove(), runtime.label(), spec.tty(), env, runtime.limits(workload));
        try (ContainerLocks.Held held = locks.hold(id)) {
            // Journalled first: an engine killed from here on leaves a file that tells recovery to undo it.
            pending.begin(id, PendingOps.Op.CREATE, name);
            checkpoints.reached("create.journalled");
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                runtime.prepare(dir, id, workload);
                checkpoints.reached("create.prepared");
                store.insert(info); // the commit point: a record means the container exists
            } catch (IOException | RuntimeException e) {
                deleteQuietly(runtime, dir, id);
                pending.end(id);
                if (e instanceof EngineException ee && ee.kind() == EngineException.Kind.CONFLICT) {
                    throw new EngineException(EngineException.Kind.CONFLICT, "Conflict. The container name \"/" + name
                            + "\" is already in use. You have to remove (or rename) that container to be able to reuse that name.", e);
                }
                throw e instanceof EngineException ee ? ee
                        : new EngineException(EngineException.Kind.IO, "cannot create the container: " + e.getMessage(), e);
            }
            checkpoints.reached("create.recorded");
            pending.end(id);
        }
        events.publish(new EngineEvent(clock.instant(), EngineEvent.Type.CREATED, id, name, image.reference()));
        return info;
    }

    @Override
    public ContainerInfo start(String container) {
        ContainerInfo c = find(container);
        try (ContainerLocks.Held held = locks.hold(c.id())) {
            c = refresh(again(c.id(), container));
            if (c.isRunning()) {
                return c;
            }
            IsolationRuntime runtime = requireRuntime(c.isolation());
            List<Path> layers = layerDirs(c);
            pending.begin(c.id(), PendingOps.Op.START, c.name());
            checkpoints.reached("start.journalled");
            long pid;
            try {
                pid = runtime.start(dirOf(c.id()), c.id(), c.imageDigest(), layers, START_TIMEOUT);
            } catch (IOException e) {
                pending.end(c.id());
                throw new EngineException(EngineException.Kind.IO, "cannot start " + c.name() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                pending.end(c.id()); // the runtime undid its half-start before throwing
                throw e;
            }
            checkpoints.reached("start.running");
            ContainerInfo running = with(c, ContainerState.RUNNING, null, pid, clock.instant(), null, null);
            store.update(running);
            checkpoints.reached("start.recorded");
            pending.end(c.id());
            events.publish(new EngineEvent(running.startedAt(), EngineEvent.Type.STARTED, c.id(), c.name(), "pid=" + pid));
            return running;
        }
    }

    @Override
    public ContainerInfo stop(String container, Duration grace) {
        return terminate(container, grace == null ? config.defaultStopTimeout() : grace, EngineEvent.Type.STOPPED);
    }

    @Override
    public ContainerInfo kill(String container) {
        return terminate(container, Duration.ZERO, EngineEvent.Type.KILLED);
    }

    @Override
    public void remove(String container, boolean force) {
        ContainerInfo c = find(container);
        try (ContainerLocks.Held held = locks.hold(c.id())) {
            c = refresh(again(c.id(), container));
            if (c.isRunning()) {
                if (!force) {
                    throw new EngineException(EngineException.Kind.CONFLICT, "You cannot remove a running container "
                            + c.id() + ". Stop the container before attempting removal or force remove");
                }
                c = terminateLocked(c, Duration.ZERO, EngineEvent.Type.KILLED);
            }
            if (store.byId(c.id()).isPresent()) { // an auto-remove container is already gone
                removeLocked(c, null);
            }
        }
    }

    @Override
    public List<ContainerInfo> list(boolean all) {
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerInfo c : store.all()) {
            ContainerInfo r = refresh(c);
            if (r != null && (all || r.isRunning())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public ContainerInfo inspect(String container) {
        return refresh(find(container));
    }

    @Override
    public ContainerInfo awaitExit(String container, Duration timeout) {
        String id = find(container).id();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ContainerInfo> c = store.byId(id).map(this::refresh);
            if (c.isEmpty() || c.get() == null) {
                throw new EngineException(EngineException.Kind.NO_SUCH_CONTAINER, "No such container: " + container);
            }
            if (!c.get().isRunning() || System.nanoTime() > deadline) {
                return c.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public Path logFile(String container) {
        return IsolationRuntime.logFile(dirOf(find(container).id()));
    }

    @Override
    public String logs(String container) {
        Path log = logFile(container);
        try {
            return logReader.text(log);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LogChunk readLog(String container, long offset) {
        Path log = logFile(container);
        try {
            return logReader.read(log, offset);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ConsoleSession attach(String container) {
        ContainerInfo c = refresh(find(container));
        if (!c.isRunning()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "You cannot attach to a stopped container, start it first");
        }
        if (!c.tty()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "container " + c.name()
                    + " has no terminal: run it with -it (or use exec -it to start a shell in it)");
        }
        try {
            return runtimeOf(c).attach(dirOf(c.id()), c.id());
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot attach to " + c.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ConsoleSession exec(String container, List<String> command, boolean tty) {
        return exec(container, command, tty, false);
    }

    @Override
    public ConsoleSession exec(String container, List<String> command, boolean tty, boolean separateStderr) {
        ContainerInfo c = refresh(find(container));
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new EngineException(EngineException.Kind.INVALID_SPEC, "no command given: name the program to run, e.g. sh");
        }
        if (command.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw new EngineException(EngineException.Kind.INVALID_SPEC, "a command argument contains a NUL character");
        }
        if (!c.isRunning()) {
            throw new EngineException(EngineException.Kind.CONFLICT, "Container " + c.id() + " is not running");
        }
        try {
            return runtimeOf(c).exec(dirOf(c.id()), c.id(), List.copyOf(command), tty, separateStderr && !tty);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot exec in " + c.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ContainerProcess> processes(String container) {
        ContainerInfo c = refresh(find(container));
        if (!c.isRunning() || c.hostPid() == null) {
            return List.of();
        }
        return runtimeOf(c).guestProcesses(dirOf(c.id())).orElseGet(() -> tables.inside(c));
    }

    @Override
    public ContainerStats stats(String container) {
        ContainerInfo c = refresh(find(container));
        if (!c.isRunning() || c.hostPid() == null) {
            throw new EngineException(EngineException.Kind.CONFLICT, "container " + c.name() + " is not running");
        }
        StatsReader reader = statsReaders.get(c.isolation());
        if (reader == null) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                    "this version of Isoscope cannot read the usage of " + c.isolation().label() + " containers");
        }
        return reader.read(c.hostPid(), () -> runtimeOf(c).guestProcesses(dirOf(c.id())));
    }

    @Override
    public List<HostProcess> hostProcesses() {
        return tables.host(store.all());
    }

    @Override
    public List<ImageInfo> images() {
        return images.list().stream().map(i -> new ImageInfo(i.reference(), i.digest(), i.sizeBytes(), i.created())).toList();
    }

    @Override
    public List<RuntimeReadiness> readiness() {
        List<RuntimeReadiness> out = new ArrayList<>();
        for (Isolation i : Isolation.values()) {
            out.add(readinessOf(i));
        }
        return out;
    }

    @Override
    public List<EngineEvent> events(String container) {
        if (container == null) {
            return store.events(null);
        }
        // A removed container has no record left: its events are found by its full ID.
        Optional<ContainerInfo> c = container.length() == 64 ? Optional.empty() : Optional.of(find(container));
        return store.events(c.map(ContainerInfo::id).orElse(container));
    }

    @Override
    public AutoCloseable subscribe(Consumer<EngineEvent> listener) {
        return events.subscribe(listener);
    }

    @Override
    public List<EngineWarning> warnings() {
        return store.warnings();
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        try {
            monitor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        store.close();
    }

    // ---- lifecycle internals ------------------------------------------------------------------------------

    private ContainerInfo terminate(String container, Duration grace, EngineEvent.Type type) {
        ContainerInfo c = find(container);
        try (ContainerLocks.Held held = locks.hold(c.id())) {
            c = refresh(again(c.id(), container));
            if (!c.isRunning()) {
                return c;
            }
            return terminateLocked(c, grace, type);
        }
    }

    private ContainerInfo terminateLocked(ContainerInfo c, Duration grace, EngineEvent.Type type) {
        pending.begin(c.id(), PendingOps.Op.STOP, c.name());
        try {
            checkpoints.reached("stop.journalled");
            ContainerInfo ended = endLocked(c, grace, type);
            return ended;
        } finally {
            pending.end(c.id());
        }
    }

    private ContainerInfo endLocked(ContainerInfo c, Duration grace, EngineEvent.Type type) {
        IsolationRuntime runtime = runtimeOf(c);
        Path dir = dirOf(c.id());
        long pid = c.hostPid();
        boolean exited = false;
        if (!grace.isZero()) {
            runtime.terminate(dir, pid);
            checkpoints.reached("stop.signalled");
            exited = awaitExitCode(runtime, dir, grace);
            if (!exited) {
                runtime.afterGrace(dir, pid);
                exited = awaitExitCode(runtime, dir, KILL_WAIT);
            }
        }
        if (!exited) {
            runtime.forceKill(dir, pid);
            checkpoints.reached("stop.signalled");
            exited = awaitExitCode(runtime, dir, KILL_WAIT);
        }
        if (!exited) {
            throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "container " + c.name()
                    + " did not exit after SIGKILL (its monitor may be gone); try again or remove it with -f");
        }
        checkpoints.reached("stop.exited");
        ContainerInfo ended = finish(c, type == EngineEvent.Type.STOPPED ? "stopped" : "killed");
        events.publish(new EngineEvent(clock.instant(), type, c.id(), c.name(), null));
        return ended;
    }

    private boolean awaitExitCode(IsolationRuntime runtime, Path dir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runtime.exitCode(dir).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /** Removes a container that has ended; the caller holds its lock. {@code detail} is for the event. */
    void removeLocked(ContainerInfo c, String detail) {
        pending.begin(c.id(), PendingOps.Op.REMOVE, c.name());
        checkpoints.reached("remove.journalled");
        try {
            runtimeOf(c).destroy(dirOf(c.id()), c.id());
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot remove the files of " + c.name() + ": " + e.getMessage(), e);
        }
        checkpoints.reached("remove.destroyed");
        store.delete(c.id());
        checkpoints.reached("remove.deleted");
        pending.end(c.id());
        tables.forget(c.id());
        locks.forget(c.id());
        events.publish(new EngineEvent(clock.instant(), EngineEvent.Type.REMOVED, c.id(), c.name(), detail));
    }

    /**
     * Brings a stored container up to date with reality: a RUNNING record whose workload has ended becomes
     * EXITED (with its code) or DEAD. Returns null when an auto-remove container was removed.
     */
    ContainerInfo refresh(ContainerInfo c) {
        if (c.state() != ContainerState.RUNNING) {
            return c;
        }
        IsolationRuntime runtime = runtimeOf(c);
        Path dir = dirOf(c.id());
        if (runtime.exitCode(dir).isPresent()) {
            return finish(c, null);
        }
        if (c.hostPid() != null && runtime.isAlive(dir, c.hostPid(), c.startedAt())) {
            return c;
        }
        // Gone without an exit code: read once more, it may have been recorded just now.
        if (runtime.exitCode(dir).isPresent()) {
            return finish(c, null);
        }
        // Nothing watches it any more: kill what runs on unwatched, and say why. Under the container's lock, so
        // the monitor thread, an operation and another process do it once, and the one who records sees the code.
        try (ContainerLocks.Held held = locks.hold(c.id())) {
            Optional<ContainerInfo> now = store.byId(c.id());
            if (now.isEmpty() || now.get().state() != ContainerState.RUNNING) {
                return now.orElse(c);
            }
            if (runtime.exitCode(dir).isPresent()) {
                return finish(c, null);
            }
            return finish(c, runtime.reap(dir, c.hostPid() == null ? -1 : c.hostPid()));
        }
    }

    /**
     * Records the end of a run once (several engines may notice it) and handles auto-remove. {@code reason}
     * says how it ended when the workload did not end on its own ("stopped"), else null.
     */
    ContainerInfo finish(ContainerInfo c, String reason) {
        IsolationRuntime runtime = runtimeOf(c);
        Path dir = dirOf(c.id());
        OptionalInt code = runtime.exitCode(dir);
        Instant finished = code.isPresent() ? runtime.exitTime(dir).orElse(clock.instant()) : clock.instant();
        String why = runtime.exitReason(dir).orElse(reason); // e.g. its runc was killed: says more than "stopped"
        ContainerInfo ended = code.isPresent()
                ? with(c, ContainerState.EXITED, code.getAsInt(), null, c.startedAt(), finished, why)
                : with(c, ContainerState.DEAD, null, null, c.startedAt(), finished, why);
        if (store.updateIfState(ended, ContainerState.RUNNING)) {
            runtime.release(dir);
            events.publish(new EngineEvent(finished, EngineEvent.Type.DIED, c.id(), c.name(),
                    code.isPresent() ? "exitCode=" + code.getAsInt() : reason));
            if (c.autoRemove()) {
                try (ContainerLocks.Held held = locks.hold(c.id())) {
                    if (store.byId(c.id()).isPresent()) {
                        removeLocked(ended, null);
                    }
                }
                return ended;
            }
        }
        return store.byId(c.id()).orElse(ended);
    }

    private void reconcileQuietly() {
        try {
            recovery.interrupted();
            for (ContainerInfo c : store.all()) {
                if (c.state() == ContainerState.RUNNING) {
                    refresh(c);
                }
            }
        } catch (RuntimeException e) {
            // The next tick tries again; one failed read must not kill the monitor.
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ContainerInfo find(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new EngineException(EngineException.Kind.NO_SUCH_CONTAINER, "No such container: (empty)");
        }
        if (ref.length() == 64) {
            Optional<ContainerInfo> exact = store.byId(ref);
            if (exact.isPresent()) {
                return exact.get();
            }
        }
        List<ContainerInfo> all = store.all();
        for (ContainerInfo c : all) {
            if (c.id().equals(ref) || c.name().equals(ref)) {
                return c;
            }
        }
        List<ContainerInfo> byPrefix = all.stream().filter(c -> c.id().startsWith(ref)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        if (byPrefix.size() > 1) {
            throw new EngineException(EngineException.Kind.NO_SUCH_CONTAINER, "multiple IDs found with provided prefix: " + ref);
        }
        throw new EngineException(EngineException.Kind.NO_SUCH_CONTAINER, "No such container: " + ref);
    }

    /**
     * The container once more, after waiting for its lock: another process may have removed it meanwhile, and
     * the error then names it as the user did.
     */
    private ContainerInfo again(String id, String ref) {
        return store.byId(id).orElseThrow(() -> new EngineException(EngineException.Kind.NO_SUCH_CONTAINER,
                "No such container: " + ref));
    }

    /** The unpacked layers under a container, resolved once per image digest (they never change). */
    private List<Path> layerDirs(ContainerInfo c) {
        List<Path> cached = c.imageDigest() == null ? null : layersByDigest.get(c.imageDigest());
        if (cached != null && cached.stream().allMatch(Files::isDirectory)) {
            return cached;
        }
        Image image = images.resolve(c.image());
        List<Path> dirs = images.layerDirs(image);
        layersByDigest.put(image.digest(), dirs);
        return dirs;
    }

    private String freeName() {
        for (int attempt = 0; ; attempt++) {
            String n = names.newName(attempt);
            if (store.all().stream().noneMatch(c -> c.name().equals(n))) {
                return n;
            }
        }
    }

    private IsolationRuntime requireRuntime(Isolation isolation) {
        RuntimeReadiness r = readinessOf(isolation);
        if (!r.available()) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE, isolation.dockerName()
                    + " isolation is not available here: " + r.reason() + (r.fix() == null ? "" : ". Fix: " + r.fix()));
        }
        return runtimes.get(isolation);
    }

    private RuntimeReadiness readinessOf(Isolation isolation) {
        IsolationRuntime r = runtimes.get(isolation);
        return r != null ? r.readiness() : new RuntimeReadiness(isolation, false, null,
                isolation.label() + " isolation is not part of this version of Isoscope", null);
    }

    /** The runtime of an existing container (even if it could not start new ones now). */
    IsolationRuntime runtimeOf(ContainerInfo c) {
        IsolationRuntime r = runtimes.get(c.isolation());
        if (r == null) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                    c.isolation().label() + " isolation is not part of this version of Isoscope");
        }
        return r;
    }

    Path dirOf(String id) {
        return containersDir.resolve(id);
    }

    /** The runtime for {@code isolation}, if this build has it (even if it cannot start containers now). */
    Optional<IsolationRuntime> runtimeFor(Isolation isolation) {
        return Optional.ofNullable(runtimes.get(isolation));
    }

    private void deleteQuietly(IsolationRuntime runtime, Path dir, String id) {
        try {
            runtime.destroy(dir, id);
        } catch (IOException | RuntimeException ignored) {
            // best effort on a create that already failed; the original error is what the user needs
        }
    }

    static ContainerInfo with(ContainerInfo c, ContainerState state, Integer exit, Long pid, Instant started,
                                      Instant finished, String reason) {
        return c.withState(state, exit, pid, started, finished, reason);
    }
}
