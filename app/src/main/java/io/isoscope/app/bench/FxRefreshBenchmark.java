package io.isoscope.app.bench;

import io.isoscope.app.gui.MainWindow;
import io.isoscope.views.settings.SettingsStore;
import io.isoscope.views.containers.ContainerRow;
import io.isoscope.views.processes.HostProcessRow;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code ./isoscope bench fx}: the real window (headless: Monocle, software rendering) over a made-up host with
 * 5,000 processes whose CPU time and working set change every second and some of which come and go, refreshing
 * every second as the app does, with a container selected and the host table in focus. It measures how long the
 * FX thread is busy in each refresh tick (every task the window gives it and every pulse, see {@link FxBusyProbe};
 * busy is their elapsed time without the time the thread waited for a CPU, so other programs' load does not count)
 * in three phases — the default order, sorted by CPU, and the tree — and compares the worst tick with the 16 ms of
 * one frame at 60 Hz. Single-threaded apart from the toolkit's threads; a manual tool, not part of the test suite.
 */
final class FxRefreshBenchmark {

    static final int HOST_PROCESSES = 5_000;
    private static final double TARGET_MS = 16.0;
    /** The JIT compiles the window's refresh path over its first ticks: those are not measured. */
    private static final int WARM_UP_TICKS = 10;
    private static final int SETTLE_TICKS = 3;
    private static final int MEASURED_TICKS = 10;
    private static final long TIMEOUT_SECONDS = 20;

    private record Phase(String name, Runnable setUp) {
    }

    /**
     * One tick of FX-thread work: busy (elapsed without waiting for a CPU), elapsed, of which waiting for a CPU, and
     * on a CPU.
     */
    private record Tick(String phase, double busyMs, double elapsedMs, double waitMs, double cpuMs) {
    }

    private final PrintStream out;
    private final List<Long> samples = new ArrayList<>();
    private Stage stage;
    private MainWindow window;
    private FxBusyProbe probe;

    FxRefreshBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs the benchmark; returns 0 when no measured tick kept the FX thread busy longer than 16 ms, else 1. */
    int run() {
        headless();
        double loadBefore = load();
        CompletableFuture<Void> started = new CompletableFuture<>();
        // Closing the window must not stop the toolkit: the JVM ends it, and Monocle fails when stopped meanwhile.
        Platform.setImplicitExit(false);
        Platform.startup(() -> started.complete(null));
        await(started);
        try {
            onFx(this::openWindow);
            awaitSamples(1);
            onFx(() -> selectContainer(SyntheticHost.WEB_NAME));
            List<Phase> phases = List.of(
                    new Phase("default order (own rows first, then PID)", () -> { }),
                    new Phase("sorted by CPU (s), descending", this::sortByCpu),
                    new Phase("tree by PPID, sorted by CPU (s)", this::showTree));
            List<Tick> measured = new ArrayList<>();
            List<Double> switches = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            int settle = WARM_UP_TICKS;
            for (Phase phase : phases) {
                int switchedAt = samples();
                onFx(() -> {
                    phase.setUp().run();
                    return null;
                });
                awaitSamples(switchedAt + settle);
                double cpuBefore = onFx(this::totalCpu);
                int from = samples();
                awaitSamples(from + MEASURED_TICKS + 1);
                List<FxBusyProbe.Span> spans = onFx(probe::spans);
                // The first phase switches nothing on: its settling ticks are the window's warm-up.
                switches.add(switches.isEmpty() ? Double.NaN : ticks(phase.name(), spans, switchedAt,
                        switchedAt + settle).stream().mapToDouble(Tick::busyMs).max().orElse(0));
                measured.addAll(ticks(phase.name(), spans, from, from + MEASURED_TICKS));
                String problem = onFx(() -> check(phase.name(), cpuBefore));
                if (!problem.isEmpty()) {
                    problems.add(problem);
                }
                settle = SETTLE_TICKS;
            }
            return report(phases, measured, switches, problems, onFx(probe::knowsWaits), loadBefore, load());
        } finally {
            onFx(() -> {
                if (window != null) {
                    probe.uninstall();
                    window.close();
                    stage.close();
                }
                return null;
            });
            // No Platform.exit(): the caller ends the JVM, and Monocle fails when asked to exit during that.
        }
    }

    /** Monocle's headless screen and software rendering, unless the caller chose a platform. */
    private static void headless() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1600x1000-32");
        }
    }

    private Void openWindow() {
        SyntheticHost host = new SyntheticHost(HOST_PROCESSES);
        probe = new FxBusyProbe();
        probe.install();
        stage = new Stage();
        window = MainWindow.open(stage, BenchEngine.over(host, this::sampled), SettingsStore.inMemory(), probe);
        return null;
    }

    /** Selects the container as a user would, so the highlighted rows and the verdict are part of each tick. */
    @SuppressWarnings("unchecked")
    private Void selectContainer(String name) {
        TableView<ContainerRow> table = (TableView<ContainerRow>) scene().lookup("#containerTable");
        table.getItems().stream().filter(r -> r.nameProperty().get().equals(name)).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r));
        // The operator is looking at the host table: it has the focus (no text field's caret blinks meanwhile).
        hostTable().requestFocus();
        return null;
    }

    /** What two clicks on the CPU header do: sort by CPU time, most first. */
    private void sortByCpu() {
        TableView<HostProcessRow> table = hostTable();
        TableColumn<HostProcessRow, ?> cpu = table.getColumns().stream()
                .filter(c -> "CPU (s)".equals(c.getText())).findFirst().orElseThrow();
        cpu.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(cpu));
    }

    private void showTree() {
        ((ToggleButton) scene().lookup("#hostTree")).setSelected(true);
    }

    /**
     * Sum of the CPU times of the host table's first rows (those in view): it must move between ticks, or the window
     * did not refresh. Only those: reading every row's values would make every row one a cell shows, and the
     * refresh would then have to tell all of them about each change.
     */
    private double totalCpu() {
        List<HostProcessRow> rows = hostTable().getItems();
        return rows.subList(0, Math.min(20, rows.size())).stream().mapToDouble(r -> r.cpuSecondsProperty().get()).sum();
    }

    /** What is wrong with what the host table showed in {@code phase}; empty when it kept up with the host. */
    private String check(String phase, double cpuBefore) {
        int rows = hostTable().getItems().size();
        if (Math.abs(rows - HOST_PROCESSES) > HOST_PROCESSES / 50) {
            return phase + ": the host table shows " + rows + " rows, not about " + HOST_PROCESSES;
        }
        if (totalCpu() == cpuBefore) {
            return phase + ": the host table's values did not change: the refresh did not reach it";
        }
        if (phase.startsWith("tree") && !hostTable().getItems().get(0).treeLabelProperty().get().inTree()) {
            return phase + ": the host table is not showing the tree";
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private TableView<HostProcessRow> hostTable() {
        return (TableView<HostProcessRow>) scene().lookup("#hostProcessTable");
    }

    private Scene scene() {
        return stage.getScene();
    }

    /**
     * Per-tick figures for ticks {@code from} (inclusive) to {@code to} (exclusive): a tick runs from one host
     * sample (when the refresh reaches the engine) to the next, and owns the FX work that started in it.
     */
    private List<Tick> ticks(String phase, List<FxBusyProbe.Span> spans, int from, int to) {
        List<Long> marks;
        synchronized (samples) {
            marks = List.copyOf(samples);
        }
        List<Tick> ticks = new ArrayList<>();
        for (int tick = from; tick < to && tick + 1 < marks.size(); tick++) {
            long start = marks.get(tick);
            long end = marks.get(tick + 1);
            long busy = 0;
            long elapsed = 0;
            long wait = 0;
            long cpu = 0;
            for (FxBusyProbe.Span span : spans) {
                if (span.start() >= start && span.start() < end) {
                    busy += span.busyNanos();
                    elapsed += span.nanos();
                    wait += span.waitNanos();
                    cpu += span.cpuNanos();
                }
            }
            ticks.add(new Tick(phase, busy / 1e6, elapsed / 1e6, wait / 1e6, cpu / 1e6));
        }
        return ticks;
    }

    private int report(List<Phase> phases, List<Tick> measured, List<Double> switches, List<String> problems,
                       boolean knowsWaits, double loadBefore, double loadAfter) {
        out.printf("FX thread per refresh tick: the real window, %,d host processes refreshed every second%n",
                HOST_PROCESSES);
        out.printf("(Monocle headless, software rendering; each tick every process's CPU time and working set change,"
                + " 25 exit and 25 start)%n");
        out.printf("  %-42s %5s %-26s %-26s %9s%n", "", "", "   busy ms", "   max ms", "");
        out.printf("  %-42s %5s %8s %8s %8s %8s %8s %8s %9s%n", "", "ticks", "median", "p99", "max", "elapsed",
                "waiting", "on CPU", "switch ms");
        for (int i = 0; i < phases.size(); i++) {
            String name = phases.get(i).name();
            printLine(name, measured.stream().filter(t -> t.phase().equals(name)).toList(), switches.get(i));
        }
        printLine("all", measured, Double.NaN);
        problems.forEach(p -> out.println("  problem: " + p));
        double[] busy = measured.stream().mapToDouble(Tick::busyMs).toArray();
        double max = percentile(busy, 100);
        boolean pass = problems.isEmpty() && measured.size() >= phases.size() * MEASURED_TICKS && max <= TARGET_MS;
        out.printf("  %-42s max %.2f ms, p99 %.2f ms (target <= %.0f ms per tick) %s%n", "FX thread busy per tick",
                max, percentile(busy, 99), TARGET_MS, pass ? "PASS" : "FAIL");
        out.printf("  busy = the elapsed time of every task the window gives the FX thread and every pulse (CSS, layout,"
                + " sync with the renderer) in the tick,%n  less the time the thread waited for a CPU (%s);"
                + " waiting = that wait; on CPU = the thread's CPU time;%n  switch = the worst tick after switching the"
                + " phase on (a one-off user action, not a refresh)%n",
                knowsWaits ? "Linux schedstat" : "not known here: counted as busy");
        out.printf("  load average %.1f before, %.1f after, on %d cores; garbage collector %s%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors(), collectors());
        return pass ? 0 : 1;
    }

    private void printLine(String name, List<Tick> ticks, double switchMs) {
        double[] busy = ticks.stream().mapToDouble(Tick::busyMs).toArray();
        out.printf("  %-42s %5d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %9s%n", name, busy.length, percentile(busy, 50),
                percentile(busy, 99), percentile(busy, 100),
                ticks.stream().mapToDouble(Tick::elapsedMs).max().orElse(Double.NaN),
                ticks.stream().mapToDouble(Tick::waitMs).max().orElse(Double.NaN),
                ticks.stream().mapToDouble(Tick::cpuMs).max().orElse(Double.NaN),
                Double.isNaN(switchMs) ? "" : String.format("%.1f", switchMs));
    }

    /** Nearest-rank percentile of the samples. */
    private static double percentile(double[] samples, int percent) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The JVM's collectors, e.g. "ZGC Cycles, ZGC Pauses" or "G1 Young Generation, G1 Old Generation". */
    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                .collect(Collectors.joining(", "));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void sampled(long nanoTime) {
        synchronized (samples) {
            samples.add(nanoTime);
            samples.notifyAll();
        }
    }

    private int samples() {
        synchronized (samples) {
            return samples.size();
        }
    }

    /** Waits until the engine has served {@code count} host samples (one per refresh tick). */
    private void awaitSamples(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS + count);
        synchronized (samples) {
            while (samples.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the window stopped refreshing: " + samples.size()
                            + " host samples, waited for " + count);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(samples, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for refresh ticks", e);
                }
            }
        }
    }

    private static <T> T onFx(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return await(result);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the FX thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
