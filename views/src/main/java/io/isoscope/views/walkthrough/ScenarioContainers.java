package io.isoscope.views.walkthrough;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.Isolation;
import io.isoscope.views.walkthrough.scenario.RemoveContainer;
import io.isoscope.views.walkthrough.scenario.RunContainer;
import io.isoscope.views.walkthrough.scenario.Scenario;
import io.isoscope.views.walkthrough.scenario.StepAction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers of one walkthrough run by alias (the scenario's {@code "as"}, which is also the name each asks
 * for): the one started for it and at which step, why it could not start, or at which step it was removed; and
 * so whether a step can run. UI thread only.
 */
final class ScenarioContainers {

    private final Map<String, ContainerInfo> started = new HashMap<>();
    private final Map<String, Integer> startedBy = new HashMap<>();
    private final Map<String, String> blocked = new HashMap<>();
    private final Map<String, Integer> removedBy = new HashMap<>();

    /** Forgets everything, for a new run. */
    void clear() {
        started.clear();
        startedBy.clear();
        blocked.clear();
        removedBy.clear();
    }

    /** {@code alias} got {@code container} at step {@code step} (1-based). */
    void started(String alias, ContainerInfo container, int step) {
        started.put(alias, container);
        startedBy.put(alias, step);
        blocked.remove(alias);
        removedBy.remove(alias);
    }

    /** {@code alias} could not start, because {@code why}. */
    void failed(String alias, String why) {
        blocked.put(alias, why);
    }

    /** {@code alias}'s container was removed at step {@code step}. */
    void removed(String alias, int step) {
        started.remove(alias);
        removedBy.put(alias, step);
    }

    /** The container started for {@code alias}, or {@code null}. */
    ContainerInfo get(String alias) {
        return started.get(alias);
    }

    /** The step that started {@code alias}'s container, or {@code null}. */
    Integer startedBy(String alias) {
        return startedBy.get(alias);
    }

    /** The step that removed {@code alias}'s container, or {@code null}. */
    Integer removedBy(String alias) {
        return removedBy.get(alias);
    }

    /** The containers running for this walkthrough, as started. */
    List<ContainerInfo> all() {
        return List.copyOf(started.values());
    }

    /** Container id → name, for naming the rows of a host table. */
    Map<String, String> namesById() {
        Map<String, String> names = new HashMap<>();
        started.values().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    /** The container name of {@code alias}: the one it got (a taken name gets a number), or the one it asks for. */
    String nameOf(String alias) {
        ContainerInfo info = started.get(alias);
        return info != null ? info.name() : alias;
    }

    /**
     * Why {@code action} cannot run now, or {@code null} when it can; {@code hypervUnavailable} is the reason Hyper-V
     * cannot run here, or {@code null} when it can (or is not known yet, and the engine will say).
     */
    String whyItCannotRun(Scenario scenario, StepAction action, String hypervUnavailable) {
        if (action instanceof RunContainer run) {
            return run.isolation() == Isolation.HYPERV ? hypervUnavailable : null;
        }
        String alias = action.usedContainer().orElse(null);
        if (alias == null || started.containsKey(alias)) {
            return null;
        }
        if (action instanceof RemoveContainer && removedBy.containsKey(alias)) {
            return null; // back at a removal that happened: the step shows that
        }
        if (blocked.containsKey(alias)) {
            return "This step needs " + alias + ", which is not running. " + blocked.get(alias);
        }
        if (removedBy.containsKey(alias)) {
            return alias + " was removed at step " + removedBy.get(alias)
                    + "; go back to the step that starts it to start it again";
        }
        RunContainer declaration = scenario.declaration(alias).orElseThrow();
        if (declaration.isolation() == Isolation.HYPERV && hypervUnavailable != null) {
            return hypervUnavailable;
        }
        int declaredAt = 1 + scenario.steps().stream().map(s -> s.action()).toList().indexOf(declaration);
        return "This step needs " + alias + ", which has not been started yet: step " + declaredAt + " starts it";
    }
}
