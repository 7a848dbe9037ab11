package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.Engines;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.logs.CriLogFormat;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.image.Image;
import io.isoscope.engine.image.ImageStore;
import io.isoscope.engine.runtime.IsolationRuntime;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;
import io.isoscope.engine.testing.Cgroups;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pids limit of a workload, applied by the real runc through the pids cgroup. */
class RuncLimitsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> PATH_ENV = List.of("PATH=/bin:/usr/bin");

    private Path tmp;

    private RuncIsolation runc;
    private final List<Path> started = new ArrayList<>();

    @BeforeEach
    void stateDir() throws IOException {
        // Not JUnit's @TempDir: it warns about every absolute symlink of the busybox layer it deletes.
        tmp = Files.createTempDirectory("isoscope-limits-");
        runc = new RuncIsolation(null, System.getenv("PATH"),
                MonitorBinary.locate(System.getenv(), EngineConfig.defaultGuestDir(System.getenv(), true)),
                tmp.resolve("state").resolve("run"), new Syscalls(LibC.load()), new ObjectMapper(), Checkpoints.NONE);
    }

    @AfterEach
    void destroyAll() throws IOException {
        for (Path dir : started) {
            // As the engine removes a running container: kill, let the monitor's runc record the end and clean up
            // its cgroups, then delete what is left.
            OptionalLong pid = RuncRuntime.pid(new ContainerDir(dir));
            if (pid.isPresent() && runc.exitCode(dir).isEmpty()) {
                runc.forceKill(dir, pid.getAsLong());
                awaitExit(dir);
            }
            runc.destroy(dir, dir.getFileName().toString());
        }
        try (Stream<Path> walk = Files.walk(tmp)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aShellThatForksPastThePidsLimitIsRefusedTheExtraProcesses() throws IOException {
        // Ten background sleeps under a limit of 6, the shell being one: at most five start, then fork fails.
        Path dir = start(new Workload(List.of("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 30 & echo started $i; done"),
                PATH_ENV, "/", "pids", 0, 0, 6));

        int exit = awaitExit(dir);
        // The monitor writes CRI records ("TIME stdout F text"): the texts are the workload's lines.
        String log = new CriLogFormat().parse(Files.readAllLines(IsolationRuntime.logFile(dir))).stream()
                .map(LogLine::text).collect(Collectors.joining("\n"));

        assertThat(log).contains("can't fork: Resource temporarily unavailable");
        assertThat(log.lines().filter(l -> l.startsWith("started ")).count()).as(log).isBetween(1L, 5L);
        assertThat(exit).isNotZero();
    }

    @Test
    void theLimitIsThePidsCgroupsAndMinusOneLeavesItUnlimited() throws IOException {
        Path limited = start(new Workload(List.of("sleep", "60"), PATH_ENV, "/", "limited", 0, 0, 6));
        Path unlimited = start(new Workload(List.of("sleep", "60"), PATH_ENV, "/", "unlimited", 0, 0, -1));

        assertThat(Cgroups.read(pidOf(limited), "pids", "pids.max", "pids.max")).isEqualTo("6");
        assertThat(Cgroups.read(pidOf(unlimited), "pids", "pids.max", "pids.max")).isEqualTo("max");
    }

    private Path start(Workload w) throws IOException {
        Path state = tmp.resolve("state");
        ImageStore images = new ImageStore(state.resolve("images"), Engines.HOST_BUSYBOX);
        Image busybox = images.resolve("busybox");
        String id = HexFormat.of().formatHex(randomBytes());
        Path dir = Files.createDirectories(state.resolve("containers").resolve(id));
        runc.prepare(dir, id, w);
        started.add(dir);
        runc.start(dir, id, busybox.digest(), images.layerDirs(busybox), WAIT);
        return dir;
    }

    private int awaitExit(Path dir) {
        return Poll.untilPresent("the workload's exit", WAIT, () -> {
            OptionalInt code = runc.exitCode(dir);
            return code.isPresent() ? Optional.of(code.getAsInt()) : Optional.empty();
        });
    }

    private static long pidOf(Path dir) {
        return RuncRuntime.pid(new ContainerDir(dir)).orElseThrow();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
