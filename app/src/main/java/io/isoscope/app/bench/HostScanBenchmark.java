package io.isoscope.app.bench;

import io.isoscope.engine.proc.ProcReader;
import io.isoscope.engine.proc.UserNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times one full host process scan against {@code ps} printing the same columns, the target being a scan
 * in at most half the time {@code ps} takes. Single-threaded; a manual tool, not part of the test suite.
 */
public final class HostScanBenchmark {

    private static final double TARGET_RATIO = 0.50;
    private static final int WARM_UP_SCANS = 50;
    private static final int DEFAULT_ITERATIONS = 100;
    private static final String[] PS = {"ps", "-eo", "pid,ppid,user,rss,vsz,time,comm,args"};

    private HostScanBenchmark() {
    }

    /** Runs the benchmark with {@code a[0]} iterations (default 100) and exits 0 on PASS, 1 on FAIL. */
    public static void main(String[] a) {
        System.exit(run(System.out, a.length > 0 ? Integer.parseInt(a[0]) : DEFAULT_ITERATIONS));
    }

    /**
     * Warms up, then times {@code iterations} scans and {@code iterations} runs of {@code ps} (wall time including
     * its start, output drained and discarded), prints both and their ratio to {@code out}.
     *
     * @return 0 when the median scan takes at most half the median {@code ps}, else 1
     */
    public static int run(PrintStream out, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        ProcReader reader = new ProcReader(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));
        int processes = 0;
        for (int i = 0; i < WARM_UP_SCANS; i++) {
            processes = reader.scan().processes().size();
        }
        double[] scanMs = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            processes = reader.scan().processes().size();
            scanMs[i] = (System.nanoTime() - start) / 1e6;
        }
        runPs();
        double[] psMs = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            runPs();
            psMs[i] = (System.nanoTime() - start) / 1e6;
        }
        double ratio = percentile(scanMs, 50) / percentile(psMs, 50);
        boolean pass = ratio <= TARGET_RATIO;
        out.printf("Host process scan vs ps (%d iterations, %d processes)%n", iterations, processes);
        out.printf("  %-46s %10s %10s%n", "", "median ms", "p95 ms");
        out.printf("  %-46s %10.3f %10.3f%n", "ProcReader.scan()", percentile(scanMs, 50), percentile(scanMs, 95));
        out.printf("  %-46s %10.3f %10.3f%n", String.join(" ", PS), percentile(psMs, 50), percentile(psMs, 95));
        out.printf("  %-46s %10.3fx (target <= %.2fx) %s%n", "ratio scan/ps (medians)", ratio, TARGET_RATIO,
                pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    }

    private static void runPs() {
        try {
            Process ps = new ProcessBuilder(PS).redirectErrorStream(true).start();
            try (InputStream output = ps.getInputStream()) {
                output.transferTo(OutputStream.nullOutputStream());
            }
            int exit = ps.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("ps exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ps", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing ps", e);
        }
    }

    /** Nearest-rank percentile of the samples. */
    private static double percentile(double[] samples, int percent) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
