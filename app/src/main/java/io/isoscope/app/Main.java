package io.isoscope.app;

import io.isoscope.app.bench.Benchmarks;
import io.isoscope.app.cli.Cli;
import io.isoscope.app.gui.GuiMain;
import io.isoscope.engine.Engines;
import io.isoscope.engine.api.EngineConfig;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's entry point (a plain class: one extending {@code Application} cannot be the {@code java -cp}
 * main). No arguments start the GUI; {@code bench ...} runs the benchmarks; anything else is the CLI.
 */
public final class Main {

    private Main() {
    }

    /** Dispatches to the GUI, the benchmarks or the CLI and exits with their status. */
    public static void main(String[] args) {
        if (args.length == 0) {
            GuiMain.run(args);
            return;
        }
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv(), isRoot());
        int status;
        if (args[0].equals("bench")) {
            status = new Benchmarks(config, System.out).run(Arrays.asList(args).subList(1, args.length));
        } else {
            status = new Cli(() -> Engines.open(config), System.out, System.err, Clock.systemDefaultZone()).run(List.of(args));
        }
        System.out.flush();
        System.exit(status);
    }

    /** Whether this JVM runs as root (the default state directory depends on it). */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
