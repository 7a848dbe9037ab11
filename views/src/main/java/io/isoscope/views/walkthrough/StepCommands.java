package io.isoscope.views.walkthrough;

import io.isoscope.engine.api.DockerCommandLine;
import io.isoscope.views.walkthrough.scenario.HostLookup;
import io.isoscope.views.walkthrough.scenario.RemoveContainer;
import io.isoscope.views.walkthrough.scenario.RunContainer;
import io.isoscope.views.walkthrough.scenario.ShowContainerTable;
import io.isoscope.views.walkthrough.scenario.StepAction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The commands a step stands for, as a trainer would type them: docker for containers, PowerShell's get-process
 * and Linux's ps for the host. Stateless, thread-safe.
 */
final class StepCommands {

    private StepCommands() {
    }

    /** The command lines of {@code action}; {@code nameOf} turns a container alias into its container name. */
    static List<String> of(StepAction action, UnaryOperator<String> nameOf) {
        if (action instanceof RunContainer run) {
            List<String> words = new ArrayList<>(List.of("docker", "run", "-d",
                    "--isolation=" + run.isolation().dockerName(), "--name", nameOf.apply(run.as()), run.image()));
            words.addAll(run.command());
            return List.of(join(words));
        }
        if (action instanceof ShowContainerTable show) {
            return List.of(join(List.of("docker", "top", nameOf.apply(show.container()))));
        }
        if (action instanceof HostLookup lookup) {
            String getProcess = "get-process -Name " + DockerCommandLine.quote(lookup.name());
            // ps -C takes an exact name; get-process wildcards have no ps spelling, so only get-process is shown.
            if (lookup.name().contains("*") || lookup.name().contains("?")) {
                return List.of(getProcess);
            }
            return List.of(getProcess, "ps -o pid,ppid,comm,args -C " + DockerCommandLine.quote(lookup.name()));
        }
        if (action instanceof RemoveContainer remove) {
            return List.of(join(List.of("docker", "rm", "-f", nameOf.apply(remove.container()))));
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    private static String join(List<String> words) {
        return String.join(" ", words.stream().map(DockerCommandLine::quote).toList());
    }
}
