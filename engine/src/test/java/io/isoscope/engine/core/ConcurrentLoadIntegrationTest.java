package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ProcessRole;
import io.isoscope.engine.testing.JvmFootprint;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load (issue 4): 20 process and 3 hyperv containers started at once, then stopped at once and removed. Every one is
 * accounted for (running with a host PID of its own, stopped with the exit code its workload earns, each lifecycle
 * event exactly once), and afterwards the engine holds what it held before: no thread, file descriptor, child
 * process, runc state, cgroup, QEMU or mount more. Part of every {@code mvn verify} (./run-tests); tagged so that
 * {@code -Dgroups=load} runs it alone. About 15 s here (2 cores, TCG).
 */
@Tag("load")
@Tag("fault-injection")
class ConcurrentLoadIntegrationTest {

    private static final int PROCESS_CONTAINERS = 20;
    private static final int VM_CONTAINERS = 3;
    /** ping as PID 1 has no SIGTERM handler, so the kernel drops SIGTERM: a process stop always ends in SIGKILL. */
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(1);
    private static final int PROCESS_EXIT = 137;
    /**
     * In a VM ping is not PID 1 (the agent is) and dies of the SIGTERM the agent passes on, within about 0.1 s here
     * even under this load; the grace is what the other Hyper-V tests give, so that a guest slowed down by the load
     * does not turn SIGTERM's 143 into the power-off's 137.
     */
    private static final Duration VM_GRACE = Duration.ofSeconds(5);
    private static final int VM_EXIT = 143;
    /** Bound of each phase (start, stop, remove) of all 23: TCG boots three VMs on two cores in well under this. */
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);
    /** Bound for what ends just after an operation returns: a monitor's last write, a worker thread's exit. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // a hang fails here instead of blocking the suite
    void twentyProcessAndThreeVmContainersStartStopAndLeaveNothingBehind() throws Exception {
        JvmFootprint beforeOpen = JvmFootprint.now();
        List<JvmFootprint.ThreadRow> engineThreads;
        try (TestEngine fixture = TestEngine.open()) {
            ContainerEngine engine = fixture.engine();
            Path state = fixture.stateDir();
            warmUp(engine);
            // Taken after one container of each kind has come and gone, so that what is made once per engine or JVM
            // (the busybox image, the initramfs, classes and their jars, JNA's cleaner) is part of the baseline and
            // only what grows with the load shows as added.
            JvmFootprint baseline = JvmFootprint.now();
            // The engine names its threads isoscope-*; the rest that opening adds is the JVM's, made once (JNA's cleaner).
            engineThreads = baseline.threadsAddedSince(beforeOpen, t -> !t.name().startsWith("isoscope-"));
            assertThat(engineThreads).extracting(JvmFootprint.ThreadRow::name)
                    .containsExactlyInAnyOrder("isoscope-monitor", "isoscope-events");
            Set<Long> childrenBefore = childPids();

            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            List<ContainerSpec> specs = new ArrayList<>();
            for (int i = 0; i < PROCESS_CONTAINERS; i++) {
                specs.add(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1").withName("load-p" + i));
            }
            for (int i = 0; i < VM_CONTAINERS; i++) {
                specs.add(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "127.0.0.1").withName("load-v" + i));
            }
            try (Workers workers = new Workers(specs.size()); AutoCloseable ignored = engine.subscribe(events::add)) {
                long t0 = System.nanoTime();
                List<ContainerInfo> running = workers.all("start", specs.stream()
                        .<Callable<ContainerInfo>>map(s -> () -> engine.run(s)).toList());
                long t1 = System.nanoTime();
                assertAllRunning(engine, running);
                assertTheProbesSeeTheLoad(state, running);
                // Each container's own table, all asked at once: for a VM that is a conversation with its agent.
                List<List<ContainerProcess>> inside = workers.all("processes", running.stream()
                        .<Callable<List<ContainerProcess>>>map(c -> () -> engine.processes(c.id())).toList());
                assertEachSeesItsPing(running, inside);
                Poll.until("ping's replies in every container's log", PHASE_TIMEOUT, () -> running.stream()
                        .allMatch(c -> engine.logs(c.id()).contains("bytes from 127.0.0.1")));

                Map<Isolation, Long> slowestStopMs = new ConcurrentHashMap<>();
                List<ContainerInfo> stopped = workers.all("stop", running.stream()
                        .<Callable<ContainerInfo>>map(c -> () -> {
                            long s0 = System.nanoTime();
                            ContainerInfo r = engine.stop(c.id(), c.isolation() == Isolation.PROCESS ? PROCESS_GRACE : VM_GRACE);
                            slowestStopMs.merge(c.isolation(), ms(System.nanoTime() - s0), Math::max);
                            return r;
                        }).toList());
                long t2 = System.nanoTime();
                assertAllExited(engine, running, stopped);
                Poll.until("every workload, monitor and QEMU of the load to end", SETTLE,
                        () -> running.stream().noneMatch(c -> alive(c.hostPid())) && processesMentioning(state).isEmpty());

                workers.all("remove", running.stream().<Callable<Void>>map(c -> () -> {
                    engine.remove(c.id(), false);
                    return null;
                }).toList());
                long t3 = System.nanoTime();
                System.out.printf("load: %d process + %d hyperv containers started in %d ms, stopped in %d ms"
                                + " (slowest stop: %s), removed in %d ms%n", PROCESS_CONTAINERS, VM_CONTAINERS,
                        ms(t1 - t0), ms(t2 - t1), slowestStopMs, ms(t3 - t2));

                assertEveryLifecycleRecordedOnce(running, events);
                assertNothingLeftOnTheHost(engine, state, running);
            }
            // The workers are shut down and joined: from here on every thread or descriptor more is the engine's.
            // A child that has just exited stays a zombie until the JDK's reaper thread has waited for it. Children
            // of the baseline (another test's) may end meanwhile; none may be added.
            Poll.until("no child process of the engine's JVM but those of the baseline " + childrenBefore, SETTLE,
                    () -> childrenBefore.containsAll(childPids()));
            assertBackToBaseline(baseline);
        }
        Poll.until("the engine's own threads " + engineThreads + " to end once it is closed", SETTLE,
                () -> JvmFootprint.now().threads().keySet().stream().noneMatch(
                        id -> engineThreads.stream().anyMatch(t -> t.id() == id)));
    }

    /** One container of each kind started, stopped and removed, so one-time set-up is out of the measurement. */
    private static void warmUp(ContainerEngine engine) {
        for (Isolation isolation : Isolation.values()) {
            ContainerInfo c = engine.run(ContainerSpec.of("busybox", isolation, "ping", "127.0.0.1"));
            engine.stop(c.id(), isolation == Isolation.PROCESS ? PROCESS_GRACE : VM_GRACE);
            Poll.until("the warm-up container's processes to end", SETTLE, () -> !alive(c.hostPid()));
            engine.remove(c.id(), false);
        }
    }

    private static void assertAllRunning(ContainerEngine engine, List<ContainerInfo> running) {
        assertThat(running).hasSize(PROCESS_CONTAINERS + VM_CONTAINERS)
                .allSatisfy(c -> {
                    assertThat(c.state()).as(c.name()).isEqualTo(ContainerState.RUNNING);
                    assertThat(c.hostPid()).as(c.name()).isNotNull();
                });
        assertThat(running.stream().map(ContainerInfo::hostPid).distinct().count())
                .as("distinct host PIDs").isEqualTo(running.size());
        assertThat(running.stream().map(ContainerInfo::id).collect(Collectors.toSet()))
                .as("ids").hasSize(running.size())
                .isEqualTo(engine.list(false).stream().map(ContainerInfo::id).collect(Collectors.toSet()));

        List<HostProcess> host = engine.hostProcesses();
        for (ContainerInfo c : running) {
            List<HostProcess> rows = host.stream().filter(h -> c.id().equals(h.containerId())).toList();
            if (c.isolation() == Isolation.PROCESS) {
                // The host sees ping itself, as container PID 1, and nothing of the container hides behind a VM.
                assertThat(comm(c.hostPid())).as(c.name() + "'s host process").isEqualTo("ping");
                assertThat(rows).as(c.name() + "'s host rows").singleElement().satisfies(h -> {
                    assertThat(h.pid()).isEqualTo(c.hostPid());
                    assertThat(h.role()).isEqualTo(ProcessRole.CONTAINER);
                    assertThat(h.containerPid()).isEqualTo(1L);
                });
            } else {
                // The host sees one vmwp of its own and no ping.
                assertThat(comm(c.hostPid())).as(c.name() + "'s host process").isEqualTo("vmwp");
                assertThat(rows).as(c.name() + "'s host rows").singleElement().satisfies(h -> {
                    assertThat(h.pid()).isEqualTo(c.hostPid());
                    assertThat(h.role()).isEqualTo(ProcessRole.VM_WORKER);
                });
            }
        }
        assertThat(host.stream().filter(h -> h.role() == ProcessRole.VM_WORKER
                        && running.stream().anyMatch(c -> c.id().equals(h.containerId()))).count())
                .as("vmwp processes of the load").isEqualTo(VM_CONTAINERS);
    }

    private static void assertEachSeesItsPing(List<ContainerInfo> running, List<List<ContainerProcess>> inside) {
        for (int i = 0; i < running.size(); i++) {
            ContainerInfo c = running.get(i);
            assertThat(inside.get(i)).as(c.name() + "'s processes").singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("ping");
                if (c.isolation() == Isolation.PROCESS) {
                    assertThat(p.containerPid()).isEqualTo(1);
                    assertThat(p.hostPid()).isEqualTo(c.hostPid());
                } else {
                    assertThat(p.hostPid()).as("the host cannot see a process in the VM").isNull();
                }
            });
        }
    }

    /** The probes that must find nothing at the end find the load while it runs, so their silence then means something. */
    private static void assertTheProbesSeeTheLoad(Path state, List<ContainerInfo> running) {
        assertThat(mountsUnder(state)).as("root filesystem mounts of the process containers").hasSize(PROCESS_CONTAINERS);
        assertThat(processesMentioning(state)).as("monitors, runc and QEMU processes")
                .hasSizeGreaterThanOrEqualTo(PROCESS_CONTAINERS + VM_CONTAINERS);
        assertThat(running).filteredOn(c -> c.isolation() == Isolation.PROCESS)
                .allSatisfy(c -> assertThat(cgroupDirs(c.id())).as(c.name() + "'s cgroups").isNotEmpty());
        assertThat(entries(state.resolve("containers"))).hasSize(running.size());
        assertThat(entries(state.resolve("run"))).hasSize(VM_CONTAINERS);
    }

    private static void assertAllExited(ContainerEngine engine, List<ContainerInfo> running, List<ContainerInfo> stopped) {
        for (int i = 0; i < running.size(); i++) {
            ContainerInfo c = running.get(i);
            int expected = c.isolation() == Isolation.PROCESS ? PROCESS_EXIT : VM_EXIT;
            for (ContainerInfo seen : List.of(stopped.get(i), engine.inspect(c.id()))) {
                assertThat(seen.id()).isEqualTo(c.id());
                assertThat(seen.state()).as(c.name()).isEqualTo(ContainerState.EXITED);
                assertThat(seen.exitCode()).as(c.name() + "'s exit code").isEqualTo(expected);
                assertThat(seen.finishedAt()).as(c.name()).isNotNull();
            }
        }
        assertThat(engine.list(false)).as("running containers after the stop").isEmpty();
    }

    /** CREATED, STARTED, DIED, STOPPED, REMOVED: each exactly once per container, none for a container not in the load. */
    private static void assertEveryLifecycleRecordedOnce(List<ContainerInfo> containers, List<EngineEvent> events) {
        // The events are delivered on the engine's dispatcher thread, after the operations that caused them.
        Poll.until("a REMOVED event for each container", SETTLE,
                () -> events.stream().filter(e -> e.type() == EngineEvent.Type.REMOVED).count() == containers.size());
        Map<String, List<EngineEvent>> byId = events.stream().collect(Collectors.groupingBy(EngineEvent::containerId));
        assertThat(byId.keySet()).isEqualTo(containers.stream().map(ContainerInfo::id).collect(Collectors.toSet()));
        for (ContainerInfo c : containers) {
            List<EngineEvent.Type> types = byId.get(c.id()).stream().map(EngineEvent::type).toList();
            assertThat(types).as(c.name() + "'s events").containsExactlyInAnyOrder(EngineEvent.Type.CREATED,
                    EngineEvent.Type.STARTED, EngineEvent.Type.DIED, EngineEvent.Type.STOPPED, EngineEvent.Type.REMOVED);
            // The monitor thread may record the death just before or after stop does; the rest is in call order.
            assertThat(types.subList(0, 2)).as(c.name() + "'s events")
                    .containsExactly(EngineEvent.Type.CREATED, EngineEvent.Type.STARTED);
            assertThat(types.indexOf(EngineEvent.Type.STOPPED)).as(c.name() + ": STOPPED before REMOVED")
                    .isLessThan(types.indexOf(EngineEvent.Type.REMOVED));
            int expected = c.isolation() == Isolation.PROCESS ? PROCESS_EXIT : VM_EXIT;
            assertThat(byId.get(c.id())).filteredOn(e -> e.type() == EngineEvent.Type.DIED)
                    .extracting(EngineEvent::detail).containsExactly("exitCode=" + expected);
        }
    }

    private static void assertNothingLeftOnTheHost(ContainerEngine engine, Path state, List<ContainerInfo> containers) {
        assertThat(engine.list(true)).as("containers after the remove").isEmpty();
        assertThat(entries(state.resolve("containers"))).as("container directories (with their runc state)").isEmpty();
        assertThat(entries(state.resolve("run"))).as("VM socket directories").isEmpty();
        assertThat(processesMentioning(state)).as("processes (runc, monitors, QEMU) of the state dir").isEmpty();
        assertThat(mountsUnder(state)).as("mounts under the state dir").isEmpty();
        List<Path> cgroups = new ArrayList<>();
        for (ContainerInfo c : containers) {
            cgroups.addAll(cgroupDirs(c.id()));
        }
        assertThat(cgroups).as("cgroups of the containers").isEmpty();
    }

    /**
     * Back to the baseline, exactly, with one kind of thread excepted: the JDK's process reaper threads. The JDK
     * waits for each child process (runc's monitor, QEMU) on a pooled "process reaper" thread, and an idle one
     * stays in its pool for 60 s to be reused; it holds nothing. One still waiting for a child is not excepted:
     * that child would still be running.
     */
    private static void assertBackToBaseline(JvmFootprint baseline) {
        try {
            Poll.until("the threads and file descriptors of the engine's JVM to be back to the baseline", SETTLE,
                    () -> {
                        JvmFootprint now = JvmFootprint.now();
                        return now.threadsAddedSince(baseline, ConcurrentLoadIntegrationTest::idleProcessReaper).isEmpty()
                                && now.fdsAddedSince(baseline).isEmpty();
                    });
        } catch (AssertionError timedOut) {
            JvmFootprint now = JvmFootprint.now();
            throw new AssertionError(timedOut.getMessage() + "\nthreads added since the baseline: "
                    + now.threadsAddedSince(baseline, ConcurrentLoadIntegrationTest::idleProcessReaper)
                    + "\nfile descriptors opened since the baseline: " + now.fdsAddedSince(baseline), timedOut);
        }
        JvmFootprint now = JvmFootprint.now();
        System.out.printf("load: threads %d at the baseline, %d after (%d idle process reapers); fds %d and %d%n",
                baseline.threads().size(), now.threads().size(),
                now.threads().values().stream().filter(ConcurrentLoadIntegrationTest::idleProcessReaper).count(),
                baseline.fds().size(), now.fds().size());
    }

    private static boolean idleProcessReaper(JvmFootprint.ThreadRow t) {
        return t.name().startsWith("process reaper") && !t.isIn("ProcessHandleImpl.waitForProcessExit0")
                && t.isIn("ThreadPoolExecutor.getTask");
    }

    // ---- host probes ------------------------------------------------------------------------------------------

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "(gone: " + e.getMessage() + ")";
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Host processes whose command line names the state dir: a monitor, a runc or a QEMU of this engine. */
    private static List<String> processesMentioning(Path state) {
        String needle = state.toString();
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(needle)) {
                        found.add(p.getFileName() + ": " + cmd.trim());
                    }
                } catch (IOException goneMeanwhile) {
                    // a process that ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> mountsUnder(Path state) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            // Field 5 is the mount point; the temp state dir has no characters mountinfo would escape.
            return lines.filter(l -> l.split(" ")[4].startsWith(state.toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container's cgroup under every hierarchy (cgroups v1 has one per controller, v2 one in all). */
    private static List<Path> cgroupDirs(String id) {
        List<Path> found = new ArrayList<>();
        Path root = Path.of("/sys/fs/cgroup");
        if (Files.isDirectory(root.resolve("isoscope").resolve(id))) {
            found.add(root.resolve("isoscope").resolve(id));
        }
        for (Path hierarchy : entries(root)) {
            Path dir = hierarchy.resolve("isoscope").resolve(id);
            if (Files.isDirectory(dir)) {
                found.add(dir);
            }
        }
        return found;
    }

    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One thread per container, so that all of a phase's calls are in flight at once; closing shuts them down and
     * joins them, so none is mistaken for an engine thread afterwards. Not thread-safe; used from the test thread.
     */
    private static final class Workers implements AutoCloseable {

        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService pool;

        Workers(int size) {
            pool = Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, "load-test-" + threads.size());
                threads.add(t);
                return t;
            });
        }

        /** Runs every task at once (released together) and returns their results in order; any failure fails all. */
        <T> List<T> all(String phase, List<Callable<T>> tasks) throws InterruptedException {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = tasks.stream().map(task -> pool.submit(() -> {
                go.await();
                return task.call();
            })).toList();
            go.countDown();
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            List<T> results = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<Throwable> causes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failures.add("#" + i + ": " + e.getCause());
                    causes.add(e.getCause());
                } catch (TimeoutException e) {
                    failures.add("#" + i + ": not done within " + PHASE_TIMEOUT);
                }
            }
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError(phase + " failed for " + failures.size() + " of "
                        + tasks.size() + ": " + String.join("; ", failures));
                causes.forEach(error::addSuppressed);
                throw error;
            }
            return results;
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdownNow();
            if (!pool.awaitTermination(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the test's worker threads did not end: " + threads);
            }
            for (Thread t : List.copyOf(threads)) {
                t.join(SETTLE.toMillis());
            }
        }
    }
}
