package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.sys.Syscalls;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RuncRuntime} and its shim against a scripted stand-in for runc, over a real overlay mount (needs root, as
 * the engine does). Every test unmounts what it mounted and kills, by PID, whatever it started and left running.
 */
class RuncRuntimeTest {

    private static final String ID = "0123456789abcdef".repeat(4);
    /** The monitor installer/build-shim.sh built (host-setup builds it before the tests). */
    private static final Path MONITOR = MonitorBinary.locate(System.getenv(),
            EngineConfig.defaultGuestDir(System.getenv(), true)).path();

    /** Under /tmp (JUnit's default): overlayfs needs paths without ',' or ':'. */
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final Syscalls sys = new Syscalls(LibC.load());
    private final List<Long> started = new ArrayList<>();
    private Path layer;
    private ContainerDir dir;

    @BeforeEach
    void bundle() throws IOException {
        layer = Files.createDirectories(tmp.resolve("layer"));
        Files.writeString(layer.resolve("hello.txt"), "from the image");
        dir = new ContainerDir(tmp.resolve("containers").resolve(ID));
        Files.createDirectories(dir.root());
    }

    @AfterEach
    void cleanUp() throws IOException {
        List<Long> candidates = new ArrayList<>(started);
        candidates.add(readPid(tmp.resolve("fake.pid")));
        candidates.add(readPid(dir.pidFile()));
        for (long pid : candidates) {
            // Only what this test started: the fake runc (its script lives in tmp) or its sleep.
            String cmd = commandLine(pid);
            if (pid > 0 && (cmd.equals("/bin/sleep 30") || cmd.contains(tmp.toString()))) {
                sys.kill(pid, Syscalls.SIGKILL);
            }
        }
        for (int i = 0; i < 5 && mountCount(dir.rootfs()) > 0; i++) {
            sys.unmount(dir.rootfs().toString());
        }
        assertThat(mountCount(dir.rootfs())).as("mounts left at the rootfs").isZero();
    }

    @Test
    void aFailingRuncIsReportedInItsOwnWordsAtOnce() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.FAIL_WITH_BOOM);
        RuncRuntime runtime = prepared(runc);
        Duration timeout = Duration.ofSeconds(60);

        long before = System.nanoTime();
        assertThatThrownBy(() -> runtime.start(dir, ID, List.of(layer), timeout, Checkpoints.NONE, sockets()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_FAILED);
                    assertThat(e.getMessage()).contains("starting container process caused: boom");
                });
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(took).as("a failure is noticed when runc exits, not at the timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(Poll.untilPresent("the exit file", Duration.ofSeconds(10), () -> boxed(runtime.exitCode(dir))))
                .isEqualTo(1);
        assertThat(Files.readString(dir.exitFile())).as("code, then no reason: runc ended on its own").isEqualTo("1\n\n");
        assertThat(runc.calls()).containsExactly("--root " + dir.runcRoot() + " --log " + dir.runcLog()
                + " --log-format json run --bundle " + dir.root() + " --pid-file " + dir.pidFile() + " " + ID);
        assertThat(Files.readString(dir.log())).as("runc's stderr goes to the container log, as a stderr record")
                .containsPattern("(?m)^\\S+Z stderr F fake runc: said on stderr$");
        assertThat(mountCount(dir.rootfs())).as("start mounted the rootfs before calling runc").isEqualTo(1);

        runtime.destroy(dir, ID);
        assertThat(dir.root()).doesNotExist();
    }

    @Test
    void aSecondStartReplacesTheMountOfTheFirstAndForgetsItsFiles() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.FAIL_WITH_BOOM);
        RuncRuntime runtime = prepared(runc);
        assertThatThrownBy(() -> runtime.start(dir, ID, List.of(layer), Duration.ofSeconds(60), Checkpoints.NONE, sockets()))
                .isInstanceOf(EngineException.class);
        Poll.untilPresent("the first exit file", Duration.ofSeconds(10), () -> boxed(runtime.exitCode(dir)));
        Files.writeString(dir.pidFile(), "999999\n"); // a stale pid file must not pass for the new run's

        assertThatThrownBy(() -> runtime.start(dir, ID, List.of(layer), Duration.ofSeconds(60), Checkpoints.NONE, sockets()))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_FAILED));

        assertThat(mountCount(dir.rootfs())).isEqualTo(1);
        assertThat(runc.calls()).hasSize(2);
        assertThat(Files.readAllLines(dir.runcLog()).stream().filter(l -> l.contains("boom")))
                .as("the runc log starts afresh on every start").hasSize(1);
        runtime.destroy(dir, ID);
    }

    @Test
    void startReturnsTheWorkloadsPidAndTheShimRecordsHowItEnded() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.RUN_SLEEP);
        RuncRuntime runtime = prepared(runc);

        long pid = runtime.start(dir, ID, List.of(layer), Duration.ofSeconds(30), Checkpoints.NONE, sockets());
        started.add(pid);

        long fake = runc.pid().orElseThrow();
        // The fake writes the PID right after forking; the child may not have exec'd sleep yet.
        Poll.untilPresent("the workload to exec sleep", Duration.ofSeconds(10),
                () -> Optional.of(commandLine(pid)).filter("/bin/sleep 30"::equals));
        assertThat(statField(pid, 4)).as("the workload's parent is the fake runc").isEqualTo(fake);
        assertThat(statField(fake, 6)).as("the shim runs in its own session, so it outlives the engine")
                .isNotEqualTo(statField(ProcessHandle.current().pid(), 6));
        assertThat(runtime.pid(dir)).hasValue(pid);
        assertThat(runtime.exitCode(dir)).isEmpty();
        assertThat(Files.readString(dir.rootfs().resolve("hello.txt"))).as("the image is the rootfs")
                .isEqualTo("from the image");
        assertThat(Files.readString(dir.log())).contains("workload says hello");

        assertThat(runtime.signal(pid, Syscalls.SIGKILL)).isTrue();

        int exit = Poll.untilPresent("the exit code", Duration.ofSeconds(10), () -> boxed(runtime.exitCode(dir)));
        assertThat((long) exit).as("the shim records runc's exit status")
                .isEqualTo(runc.workloadStatus().orElseThrow());
        assertThat(exit).as("128 + SIGKILL").isEqualTo(137);
        Poll.until("the workload to be gone", Duration.ofSeconds(10), () -> gone(pid));
        assertThat(runtime.signal(pid, Syscalls.SIGKILL)).as("signalling an ended workload").isFalse();

        runtime.releaseRootfs(dir);
        assertThat(mountCount(dir.rootfs())).isZero();
        assertThat(dir.config()).as("release keeps the bundle for a restart").exists();
        runtime.destroy(dir, ID);
        assertThat(dir.root()).doesNotExist();
        assertThat(layer.resolve("hello.txt")).as("the image layer is untouched").hasContent("from the image");
    }

    @Test
    void aRuncThatNeverStartsTimesOutAndIsKilled() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.HANG);
        RuncRuntime runtime = prepared(runc);

        long before = System.nanoTime();
        assertThatThrownBy(() -> runtime.start(dir, ID, List.of(layer), Duration.ofSeconds(1), Checkpoints.NONE, sockets()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_FAILED);
                    assertThat(e.getMessage()).containsPattern("did not start .* within 1 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));

        long fake = Poll.untilPresent("the fake runc's pid", Duration.ofSeconds(5),
                () -> boxed(runCatching(runc::pid)));
        started.add(fake);
        Poll.until("the fake runc to be killed", Duration.ofSeconds(10), () -> gone(fake));
        runtime.destroy(dir, ID);
    }

    @Test
    void destroyDeletesRuncStateThroughRuncAndRemovesTheWholeDirectory() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.FAIL_WITH_BOOM);
        RuncRuntime runtime = prepared(runc);
        sys.mountOverlay(dir.rootfs().toString(), overlayOptions(layer, dir.upper(), dir.work()));
        Files.writeString(dir.rootfs().resolve("written-by-the-container"), "x");
        Files.createDirectories(dir.runcRoot().resolve(ID)); // as a monitor that died would leave it

        runtime.destroy(dir, ID);

        assertThat(runc.calls()).containsExactly("--root " + dir.runcRoot() + " delete --force " + ID);
        assertThat(mountCount(dir.rootfs())).isZero();
        assertThat(dir.root()).doesNotExist();
        assertThat(dir.root().getParent()).as("only the container's own directory goes").exists();
        try (var left = Files.list(layer)) {
            assertThat(left).as("the image layer is untouched").containsExactly(layer.resolve("hello.txt"));
        }
    }

    @Test
    void destroyRefusesWhileTheRootfsIsStillMountedAndDeletesNothing() throws IOException {
        FakeRunc runc = FakeRunc.create(tmp, FakeRunc.FAIL_WITH_BOOM);
        RuncRuntime runtime = prepared(runc);
        // Two overlays stacked on the rootfs: destroy's one unmount takes the top one, the other stays mounted.
        Path other = Files.createDirectories(tmp.resolve("other-layer"));
        Files.writeString(other.resolve("top.txt"), "top");
        Path upper2 = Files.createDirectories(tmp.resolve("upper2"));
        Path work2 = Files.createDirectories(tmp.resolve("work2"));
        sys.mountOverlay(dir.rootfs().toString(), overlayOptions(layer, dir.upper(), dir.work()));
        sys.mountOverlay(dir.rootfs().toString(), overlayOptions(other, upper2, work2));
        assertThat(mountCount(dir.rootfs())).isEqualTo(2);

        assertThatThrownBy(() -> runtime.destroy(dir, ID))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("still mounted");

        assertThat(mountCount(dir.rootfs())).isEqualTo(1);
        assertThat(dir.rootfs().resolve("hello.txt")).hasContent("from the image");
        assertThat(dir.config()).as("nothing of the container was deleted").exists();
        assertThat(dir.upper()).exists();
        assertThat(layer.resolve("hello.txt")).hasContent("from the image");

        runtime.releaseRootfs(dir);
        runtime.destroy(dir, ID);
        assertThat(dir.root()).doesNotExist();
    }

    @Test
    void destroyOfAContainerThatNeverRanRemovesItsBundle() throws IOException {
        RuncRuntime runtime = prepared(FakeRunc.create(tmp, FakeRunc.FAIL_WITH_BOOM));

        runtime.destroy(dir, ID);

        assertThat(dir.root()).doesNotExist();
    }

    private SocketDir sockets() {
        return SocketDir.of(tmp.resolve("run"), ID);
    }

    private RuncRuntime prepared(FakeRunc runc) throws IOException {
        RuncRuntime runtime = new RuncRuntime(runc.binary(), MONITOR, sys, json);
        OciConfigWriter writer = new OciConfigWriter(json);
        runtime.prepare(dir, writer.config(List.of("sleep", "30"), List.of(), "/", "h", "/isoscope/test"), writer);
        return runtime;
    }

    private static String overlayOptions(Path lower, Path upper, Path work) {
        return "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
    }

    /** How many mounts sit on {@code mountPoint} (field 5 of /proc/self/mountinfo). */
    private static long mountCount(Path mountPoint) {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" ")[4])
                    .filter(p -> p.equals(mountPoint.toString()))
                    .count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long readPid(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file).trim() : "";
        return text.matches("[0-9]+") ? Long.parseLong(text) : -1;
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Field {@code n} (1-based, as in proc(5)) of /proc/PID/stat, for the numeric fields after the name. */
    private static long statField(long pid, int n) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[n - 3]);
    }

    /** No such process, or only a zombie left for its reaper. */
    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static Optional<Integer> boxed(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    private static Optional<Long> boxed(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static OptionalLong runCatching(IoSupplier<OptionalLong> read) {
        try {
            return read.get();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }


    /** A read that may fail with an IOException. */
    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
