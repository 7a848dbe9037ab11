package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.runtime.FileTrees;
import io.isoscope.engine.runtime.IsolationRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Brings the records in line with reality after an engine (the app, a CLI call) died: operations it left in the
 * journal are finished or undone, container directories without a record are removed, records whose directory
 * vanished are marked. A journalled container whose lock is held is being worked on by a live process and is
 * left alone. Thread-safe; runs on the engine's constructor thread and then on its monitor thread.
 */
final class Recovery {

    private final DefaultContainerEngine engine;

    /** Recovery for {@code engine}, using its store, journal, locks and runtimes. */
    Recovery(DefaultContainerEngine engine) {
        this.engine = engine;
    }

    /** Everything, once, when the engine opens: before its first answer, so that answer is already right. */
    void atStart() {
        interrupted();
        orphanDirectories();
        vanishedDirectories();
        for (ContainerInfo c : engine.store.all()) {
            if (c.state() == ContainerState.RUNNING) {
                try {
                    engine.refresh(c); // ended meanwhile: its real exit code and time
                } catch (RuntimeException e) {
                    // the monitor retries every tick
                }
            }
        }
    }

    /** Finishes or undoes the journalled operations nobody is working on any more. */
    void interrupted() {
        for (Map.Entry<String, PendingOps.Pending> e : engine.pending.all().entrySet()) {
            String id = e.getKey();
            Optional<ContainerLocks.Held> lock = engine.locks.tryHold(id);
            if (lock.isEmpty()) {
                continue; // a live process is in the middle of it
            }
            try (ContainerLocks.Held held = lock.get()) {
                Optional<PendingOps.Pending> p = engine.pending.of(id); // re-read: it may have committed meanwhile
                if (p.isPresent()) {
                    recover(id, p.get());
                    engine.pending.end(id);
                }
            } catch (RuntimeException ex) {
                // left in the journal: the next tick tries again
            }
        }
    }

    private void recover(String id, PendingOps.Pending p) {
        Optional<ContainerInfo> record = engine.store.byId(id);
        switch (p.op()) {
            case CREATE -> {
                if (record.isEmpty()) { // not committed: undo
                    deleteLeftovers(id);
                    publish(EngineEvent.Type.REMOVED, id, p.name(),
                            "its creation was interrupted (the engine stopped); what it had written was removed");
                }
            }
            case START -> record.ifPresent(this::recoverStart);
            case STOP -> record.ifPresent(c -> {
                ContainerInfo now = engine.refresh(c);
                publish(EngineEvent.Type.RECOVERED, id, c.name(), now != null && now.isRunning()
                        ? "a stop was interrupted (the engine stopped); the container still runs, stop it again"
                        : "a stop was interrupted (the engine stopped); the container has ended");
            });
            case REMOVE -> {
                if (record.isPresent()) {
                    engine.removeLocked(record.get(), "its removal was interrupted (the engine stopped) and has been finished");
                } else {
                    deleteLeftovers(id);
                    publish(EngineEvent.Type.REMOVED, id, p.name(),
                            "its removal was interrupted (the engine stopped) and has been finished");
                }
            }
        }
    }

    private void recoverStart(ContainerInfo c) {
        if (c.state() == ContainerState.RUNNING) {
            return; // committed just before the engine died
        }
        IsolationRuntime runtime = engine.runtimeOf(c);
        Path dir = engine.dirOf(c.id());
        OptionalLong pid;
        try {
            pid = runtime.recoverStart(dir, c.id());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (pid.isPresent()) {
            Instant started = ProcessHandle.of(pid.getAsLong()).flatMap(h -> h.info().startInstant())
                    .orElse(engine.clock.instant());
            engine.store.update(DefaultContainerEngine.with(c, ContainerState.RUNNING, null, pid.getAsLong(), started, null, null));
            publish(EngineEvent.Type.STARTED, c.id(), c.name(),
                    "pid=" + pid.getAsLong() + " (adopted: the engine stopped while starting it)");
            return;
        }
        OptionalInt code = runtime.exitCode(dir);
        Optional<Instant> ended = runtime.exitTime(dir);
        if (code.isPresent() && ended.isPresent() && (c.finishedAt() == null || ended.get().isAfter(c.finishedAt()))) {
            // It started, ran and ended while no engine was looking.
            engine.store.update(DefaultContainerEngine.with(c, ContainerState.EXITED, code.getAsInt(), null, ended.get(),
                    ended.get(), runtime.exitReason(dir).orElse(null)));
            publish(EngineEvent.Type.DIED, c.id(), c.name(), "exitCode=" + code.getAsInt());
            return;
        }
        publish(EngineEvent.Type.RECOVERED, c.id(), c.name(),
                "its start was interrupted (the engine stopped) and was undone; it can be started again");
    }

    /** Container directories without a record and without a journalled operation: removed with what runs there. */
    private void orphanDirectories() {
        try (Stream<Path> dirs = Files.list(engine.containersDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String id = dir.getFileName().toString();
                if (engine.store.byId(id).isPresent() || engine.pending.of(id).isPresent()) {
                    continue;
                }
                Optional<ContainerLocks.Held> lock = engine.locks.tryHold(id);
                if (lock.isEmpty()) {
                    continue;
                }
                try (ContainerLocks.Held held = lock.get()) {
                    if (engine.store.byId(id).isEmpty() && engine.pending.of(id).isEmpty()) {
                        deleteLeftovers(id);
                        publish(EngineEvent.Type.REMOVED, id, id.substring(0, Math.min(12, id.length())),
                                "a container directory without a record was found and removed");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the next engine start tries again
        }
    }

    /** Records whose directory is gone cannot be run or inspected any more: marked, never silently dropped. */
    private void vanishedDirectories() {
        for (ContainerInfo c : engine.store.all()) {
            Path dir = engine.dirOf(c.id());
            if (Files.isDirectory(dir) || c.state() == ContainerState.DEAD || engine.pending.of(c.id()).isPresent()) {
                continue;
            }
            Optional<ContainerLocks.Held> lock = engine.locks.tryHold(c.id());
            if (lock.isEmpty()) {
                continue;
            }
            try (ContainerLocks.Held held = lock.get()) {
                if (Files.isDirectory(dir) || engine.store.byId(c.id()).isEmpty()) {
                    continue;
                }
                deleteLeftovers(c.id()); // stops a workload still running from it
                String reason = "its directory " + dir + " vanished; only the record is left (remove it)";
                engine.store.update(DefaultContainerEngine.with(c, ContainerState.DEAD, null, null, c.startedAt(),
                        engine.clock.instant(), reason));
                publish(EngineEvent.Type.DIED, c.id(), c.name(), reason);
            } catch (RuntimeException e) {
                // the next engine start tries again
            }
        }
    }

    /** Removes what a container without a (usable) record left: its processes, runtime state, mounts, files. */
    private void deleteLeftovers(String id) {
        Path dir = engine.dirOf(id);
        Isolation isolation = Files.exists(dir.resolve("workload.json")) ? Isolation.HYPERV : Isolation.PROCESS;
        Optional<IsolationRuntime> runtime = engine.runtimeFor(isolation);
        try {
            if (runtime.isPresent()) {
                runtime.get().destroy(dir, id);
            } else {
                FileTrees.delete(dir);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void publish(EngineEvent.Type type, String id, String name, String detail) {
        engine.events.publish(new EngineEvent(engine.clock.instant(), type, id, name, detail));
    }
}
