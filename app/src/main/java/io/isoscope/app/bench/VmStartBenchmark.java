package io.isoscope.app.bench;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hyper-V start latency (engine run until the guest agent has started the workload), median and p95, and the
 * host RSS of one idle busybox VM. Targets on a TCG-only host: median ≤ 1.5 s, RSS ≤ 96 MiB. Uses its own
 * temporary state directory and removes every VM it started. Not thread-safe.
 */
final class VmStartBenchmark {

    private static final double TARGET_SECONDS = 1.5;
    private static final double TARGET_RSS_MIB = 96;

    private final EngineConfig base;
    private final PrintStream out;

    VmStartBenchmark(EngineConfig base, PrintStream out) {
        this.base = base;
        this.out = out;
    }

    int run(int runs) {
        Path state = BenchDirs.create("isoscope-bench-vm-");
        try (ContainerEngine engine = Engines.open(new EngineConfig(state, base.runcPath(), base.defaultStopTimeout(), base.guestDir()))) {
            RuntimeReadiness ready = engine.readiness().stream().filter(r -> r.isolation() == Isolation.HYPERV).findFirst().orElseThrow();
            if (!ready.available()) {
                out.println("Hyper-V start latency: not measured: " + ready.reason() + " (fix: " + ready.fix() + ")");
                return 1;
            }
            ContainerSpec spec = ContainerSpec.of("busybox", Isolation.HYPERV, "sleep", "600");
            engine.remove(engine.run(spec).id(), true); // warm-up: builds the image and its initramfs
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ContainerInfo c = engine.run(spec);
                seconds.add((System.nanoTime() - t0) / 1e9);
                engine.remove(c.id(), true);
            }
            ContainerInfo idle = engine.run(spec);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3)); // let the guest settle into idle
            double rssMib = rssKib(idle.hostPid()) / 1024.0;
            engine.remove(idle.id(), true);

            double median = StartLatencyBenchmark.percentile(seconds, 50);
            out.println("Hyper-V start latency (run until the workload runs in the VM), " + runs + " runs, "
                    + idle.runtime());
            out.printf("  median %.2f s   p95 %.2f s   (target median <= %.1f s): %s%n", median,
                    StartLatencyBenchmark.percentile(seconds, 95), TARGET_SECONDS, median <= TARGET_SECONDS ? "PASS" : "FAIL");
            out.printf("  host RSS of one idle busybox VM (vmwp): %.1f MiB   (target <= %.0f MiB): %s%n", rssMib,
                    TARGET_RSS_MIB, rssMib <= TARGET_RSS_MIB ? "PASS" : "FAIL");
            return median <= TARGET_SECONDS && rssMib <= TARGET_RSS_MIB ? 0 : 1;
        } finally {
            BenchDirs.delete(state);
        }
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
