package io.isoscope.app.bench;

import io.isoscope.engine.api.EngineConfig;

import java.io.PrintStream;
import java.util.List;

/** {@code ./isoscope bench [start|scan|vm|fx]}: the documented benchmark command. One instance per invocation. */
public final class Benchmarks {

    private final EngineConfig config;
    private final PrintStream out;

    public Benchmarks(EngineConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Runs the named benchmarks (all when none is named); returns 0 when every target is met, 1 otherwise. */
    public int run(List<String> args) {
        String which = args.isEmpty() ? "all" : args.get(0);
        int status = 0;
        switch (which) {
            case "all":
                status |= new StartLatencyBenchmark(config.runcPath(), out).run(20);
                out.println();
                status |= HostScanBenchmark.run(out, 50);
                out.println();
                status |= new VmStartBenchmark(config, out).run(10);
                out.println();
                status |= new FxRefreshBenchmark(out).run();
                return status;
            case "start":
                return new StartLatencyBenchmark(config.runcPath(), out).run(20);
            case "scan":
                return HostScanBenchmark.run(out, 50);
            case "vm":
                return new VmStartBenchmark(config, out).run(10);
            case "fx":
                return new FxRefreshBenchmark(out).run();
            default:
                out.println("usage: isoscope bench [start|scan|vm|fx]");
                return 2;
        }
    }
}
