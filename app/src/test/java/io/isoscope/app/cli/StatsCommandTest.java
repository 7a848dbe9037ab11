package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stats} over the engine fake, with the pause between samples standing in for the passing second. */
class StatsCommandTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final CliTestEngine engine = new CliTestEngine().withHyperv(true);
    private final CliHarness h = new CliHarness(engine);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void noStreamPrintsOneTableFromTwoSamplesASecondApart() {
        ContainerInfo c = h.runDetached("--name", "busy", "-m", "64m", "busybox", "sh");
        engine.setStats(c.id(), sample(T0, 10.0, 1_572_864, 64L << 20, 2));

        int exit = stats(List.of(() -> engine.setStats(c.id(), sample(T0.plusSeconds(1), 10.5, 1_572_864, 64L << 20, 2))),
                "--no-stream", "busy");

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo("""
                CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     PIDS
                SHORT_ID   busy      50.00%    1.5MiB / 64MiB      2.34%     2
                """.replace("SHORT_ID", c.shortId()));
    }

    @Test
    void withoutNamesEveryRunningContainerWithDashesForWhatIsUnknown() {
        ContainerInfo proc = h.runDetached("--name", "free", "busybox", "sh");
        ContainerInfo vm = h.runDetached("--name", "vm", "--isolation=hyperv", "busybox", "sh");
        ContainerInfo gone = h.runDetached("--name", "gone", "busybox", "true");
        engine.exit(gone.id(), 0);
        engine.setStats(proc.id(), new ContainerStats(T0, 1.0, 1 << 20, null, null, "cgroup v2", null));
        engine.setStats(vm.id(), sample(T0, 3.0, 192L << 20, 128L << 20, 1));

        int exit = stats(List.of(() -> {
            engine.setStats(proc.id(), new ContainerStats(T0.plusSeconds(2), 1.0, 1 << 20, null, null, "cgroup v2", null));
            engine.setStats(vm.id(), sample(T0.plusSeconds(2), 5.0, 192L << 20, 128L << 20, 1));
        }), "--no-stream");

        assertThat(exit).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(3).noneMatch(l -> l.contains("gone"));
        assertThat(cells(lines, "free")).containsExactly(proc.shortId(), "free", "0.00%", "1MiB / no limit", "--", "--");
        assertThat(cells(lines, "vm")).as("a VM: its worker's cost, beyond its RAM")
                .containsExactly(vm.shortId(), "vm", "100.00%", "192MiB / 128MiB", "150.00%", "1");
    }

    @Test
    void streamingClearsTheScreenEachSecondAndEndsOnceTheNamedContainersStop() {
        ContainerInfo c = h.runDetached("--name", "busy", "busybox", "sh");
        engine.setStats(c.id(), sample(T0, 0, 1 << 20, null, 1));
        List<Runnable> seconds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int second = i;
            seconds.add(() -> engine.setStats(c.id(), sample(T0.plusSeconds(second), second * 0.25, 1 << 20, null, 1)));
        }
        seconds.add(() -> engine.exit(c.id(), 0));

        int exit = stats(seconds, "--no-trunc", "busy");

        assertThat(exit).isZero();
        String[] screens = out().split(StatsCommand.CLEAR.replace("[", "\\["), -1);
        assertThat(screens).hasSize(5);
        assertThat(screens[0]).isEmpty();
        for (int i = 1; i <= 3; i++) {
            assertThat(cells(screens[i].lines().toList(), "busy")).containsExactly(c.id(), "busy", "25.00%",
                    "1MiB / no limit", "--", "1");
        }
        assertThat(cells(screens[4].lines().toList(), "busy")).as("stopped")
                .containsExactly(c.id(), "busy", "--", "-- / --", "--", "--");
    }

    @Test
    void anUnknownContainerIsAnErrorBeforeAnyWait() {
        Result r = h.run("stats", "--no-stream", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such container: nope\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void memoryIsDockersFourDigitBinaryText() {
        assertThat(BinarySize.format(0)).isEqualTo("0B");
        assertThat(BinarySize.format(512)).isEqualTo("512B");
        assertThat(BinarySize.format(1_155_072)).isEqualTo("1.102MiB");
        assertThat(BinarySize.format(64L << 20)).isEqualTo("64MiB");
        assertThat(BinarySize.format(8_232_050_688L)).isEqualTo("7.667GiB");
        assertThat(BinarySize.format(1023)).isEqualTo("1023B");
    }

    /** Runs {@code stats ARGS}; each pause runs the next of {@code seconds}, and ends the command when none is left. */
    private int stats(List<Runnable> seconds, String... args) {
        List<Runnable> left = new ArrayList<>(seconds);
        try (CliContext ctx = new CliContext(() -> engine, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            StatsCommand command = new StatsCommand(ctx, duration -> {
                if (left.isEmpty()) {
                    return false;
                }
                left.remove(0).run();
                return true;
            });
            return command.execute(ArgParser.parse(command.syntax(), List.of(args)));
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> cells(List<String> lines, String name) {
        return List.of(lines.stream().filter(l -> l.contains("   " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + name + " in " + lines)).split(" {3,}"));
    }

    private static ContainerStats sample(Instant t, double cpu, long memory, Long limit, Integer pids) {
        return new ContainerStats(t, cpu, memory, limit, pids, "cgroup v1", null);
    }
}
