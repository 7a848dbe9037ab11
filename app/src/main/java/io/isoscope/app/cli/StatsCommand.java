package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerStats;
import io.isoscope.engine.api.EngineException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats [--no-stream] [--no-trunc] [CONTAINER...]}: docker's live usage table, one refresh a second (the
 * screen cleared before each, as docker does). Without names it shows the running containers, as they come and go,
 * until interrupted; with names it ends once none of them runs any more. {@code --no-stream} prints one table, from
 * two samples a second apart (CPU % needs two). For a hyperv container the numbers are its VM worker's: what the host
 * pays for it. Confined to the invocation's thread.
 */
final class StatsCommand extends ContextCommand {

    /** How {@link StatsCommand} waits between samples; false when the wait was interrupted (stop). */
    @FunctionalInterface
    interface Pause {
        boolean await(Duration duration);

        /** A real wait on the calling thread. */
        Pause SLEEP = duration -> {
            try {
                Thread.sleep(duration.toMillis());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** docker's escape codes: clear the screen, cursor home. */
    static final String CLEAR = "\033[2J\033[H";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final CommandSyntax SYNTAX = new CommandSyntax("stats",
            "Display a live stream of container(s) resource usage statistics", "[CONTAINER...]", List.of(
            Option.flag("no-stream", "Disable streaming stats and only pull the first result"),
            Option.flag("no-trunc", "Do not truncate output")), true);

    private final Pause pause;

    StatsCommand(CliContext ctx) {
        this(ctx, Pause.SLEEP);
    }

    /** With another way to wait between samples (tests change the engine's numbers there). */
    StatsCommand(CliContext ctx, Pause pause) {
        super(ctx, SYNTAX);
        this.pause = pause;
    }

    @Override
    public int execute(ParsedArgs args) {
        List<String> names = args.operands();
        boolean stream = !args.flag("no-stream");
        boolean trunc = !args.flag("no-trunc");
        ContainerEngine engine = ctx.engine();
        List<ContainerInfo> targets = targets(engine, names);
        Map<String, ContainerStats> previous = sample(engine, targets);
        while (pause.await(INTERVAL)) {
            targets = targets(engine, names);
            Map<String, ContainerStats> now = sample(engine, targets);
            StatsTable table = new StatsTable(trunc);
            for (ContainerInfo c : targets) {
                table.row(c, previous.get(c.id()), now.get(c.id()));
            }
            if (stream) {
                ctx.out().print(CLEAR);
            }
            table.table().print(ctx.out());
            ctx.out().flush();
            previous = now;
            if (!stream || (!names.isEmpty() && now.isEmpty())) {
                return 0;
            }
        }
        return 0;
    }

    /** The named containers (an unknown name is an error, as in docker), or the running ones. */
    private static List<ContainerInfo> targets(ContainerEngine engine, List<String> names) {
        if (names.isEmpty()) {
            return engine.list(false);
        }
        List<ContainerInfo> found = new ArrayList<>();
        for (String name : names) {
            found.add(engine.inspect(name));
        }
        return found;
    }

    /** A sample of each running container, by id; ones that are not (or stop meanwhile) have none. */
    private static Map<String, ContainerStats> sample(ContainerEngine engine, List<ContainerInfo> targets) {
        Map<String, ContainerStats> samples = new HashMap<>();
        for (ContainerInfo c : targets) {
            if (!c.isRunning()) {
                continue;
            }
            try {
                samples.put(c.id(), engine.stats(c.id()));
            } catch (EngineException e) {
                if (e.kind() != EngineException.Kind.CONFLICT) {
                    throw e;
                }
                // It stopped between the listing and the sample: shown as not running.
            }
        }
        return samples;
    }
}
