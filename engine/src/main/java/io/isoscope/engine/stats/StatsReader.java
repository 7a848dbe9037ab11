package io.isoscope.engine.stats;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerStats;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the resource usage of one running container of an isolation, for {@code ContainerEngine#stats}.
 * Implementations are thread-safe and keep no state between calls (the CPU percentage is the caller's, from two
 * samples).
 */
public interface StatsReader {

    /**
     * One sample for the container whose host process is {@code hostPid} (its workload for process isolation, its
     * VM worker for a VM). {@code guestProcesses} lists the processes inside a VM, as the runtime gets them from
     * the guest (empty, or an empty list, when the guest does not answer); readers that do not need it never call it.
     *
     * @throws io.isoscope.engine.api.EngineException {@code CONFLICT} when the process is gone (the container
     *                                                ended), {@code IO} when its counters cannot be read
     */
    ContainerStats read(long hostPid, Supplier<Optional<List<ContainerProcess>>> guestProcesses);
}
