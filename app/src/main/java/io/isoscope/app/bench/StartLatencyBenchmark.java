package io.isoscope.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.Isolation;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Container start latency: the engine's create+start until the workload runs, beside raw {@code runc run -d}
 * on an equivalent bundle (the same config.json, the image's unpacked layer as root). Target: ≤ 1.5× raw runc.
 * Uses its own temporary state directory and removes everything it started. Not thread-safe.
 */
final class StartLatencyBenchmark {

    private static final double TARGET = 1.5;
    private static final int WARM_UP = 30;

    private final Path runc;
    private final PrintStream out;

    StartLatencyBenchmark(Path runc, PrintStream out) {
        this.runc = runc;
        this.out = out;
    }

    int run(int runs) {
        Path state = BenchDirs.create("isoscope-bench-");
        Path raw = BenchDirs.create("isoscope-bench-raw-");
        try (ContainerEngine engine = Engines.open(new EngineConfig(state, runc, Duration.ofSeconds(10)))) {
            ContainerSpec spec = ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "60");
            ContainerInfo template = engine.run(spec); // builds the image; its config.json is the raw runs' bundle
            writeRawBundle(state.resolve("containers").resolve(template.id()).resolve("config.json"), findLayer(state), raw);
            engine.remove(template.id(), true);
            // The same binary the engine found: the configured one, else runc on PATH.
            String runcBin = (runc != null ? runc : Path.of("runc")).toString();
            List<Double> engineMs = new ArrayList<>();
            List<Double> rawMs = new ArrayList<>();
            // Alternate the two so both see the same machine; the warm-up rounds let the JIT compile the engine path.
            for (int i = -WARM_UP; i < runs; i++) {
                long t0 = System.nanoTime();
                ContainerInfo c = engine.run(spec);
                double e = (System.nanoTime() - t0) / 1e6;
                engine.remove(c.id(), true);
                double r = rawRun(runcBin, raw, "bench-" + ProcessHandle.current().pid() + "-" + (i + WARM_UP));
                if (i >= 0) {
                    engineMs.add(e);
                    rawMs.add(r);
                }
            }
            double em = percentile(engineMs, 50);
            double rm = percentile(rawMs, 50);
            double ratio = em / rm;
            out.println("Container start latency (create+start until the process runs), " + runs + " runs each, alternating");
            out.printf("  %-34s median %7.1f ms   p95 %7.1f ms%n", "isoscope engine (run -d)", em, percentile(engineMs, 95));
            out.printf("  %-34s median %7.1f ms   p95 %7.1f ms%n", "raw runc run -d (same config.json)", rm, percentile(rawMs, 95));
            out.printf("  ratio %.2fx (target <= %.2fx): %s%n", ratio, TARGET, ratio <= TARGET ? "PASS" : "FAIL");
            return ratio <= TARGET ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BenchDirs.delete(state);
            BenchDirs.delete(raw);
        }
    }

    /** The engine's config.json with the image's unpacked layer as root (no overlay: the raw side pays no mount). */
    private static void writeRawBundle(Path config, Path rootfs, Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) c.get("root")).put("path", rootfs.toString());
        ((ObjectNode) c.get("linux")).put("cgroupsPath", "/isoscope-bench/raw");
        Files.createDirectories(dir.resolve("bundle"));
        json.writeValue(dir.resolve("bundle").resolve("config.json").toFile(), c);
    }

    /** One timed {@code runc run -d} (it returns once the process runs), then its untimed removal. */
    private static double rawRun(String runcBin, Path dir, String id) throws IOException {
        long t0 = System.nanoTime();
        exec(runcBin, "--root", dir.resolve("state").toString(), "run", "-d",
                "--pid-file", dir.resolve("pid").toString(), "--bundle", dir.resolve("bundle").toString(), id);
        double ms = (System.nanoTime() - t0) / 1e6;
        exec(runcBin, "--root", dir.resolve("state").toString(), "delete", "--force", id);
        return ms;
    }

    private static void exec(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("failed: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Path findLayer(Path state) {
        try (Stream<Path> s = Files.list(state.resolve("images").resolve("layers"))) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
    }


}
