package io.isoscope.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.core.DefaultContainerEngine;
import io.isoscope.engine.image.ImageStore;
import io.isoscope.engine.proc.ProcReader;
import io.isoscope.engine.proc.UserNames;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.IsolationRuntime;
import io.isoscope.engine.runtime.process.MonitorBinary;
import io.isoscope.engine.runtime.process.RuncIsolation;
import io.isoscope.engine.runtime.vm.QemuHost;
import io.isoscope.engine.runtime.vm.QemuIsolation;
import io.isoscope.engine.runtime.vm.VmSize;
import io.isoscope.engine.runtime.vm.initramfs.InitramfsBuilder;
import io.isoscope.engine.store.ContainerStore;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Opens the real engine on a state directory: the composition root of the engine's parts. Thread-safe. */
public final class Engines {

    /** The host's static busybox, from Debian's busybox-static. */
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    private Engines() {
    }

    /** Opens (creating if needed) the engine whose state lives in {@code config.stateDir()}. */
    public static ContainerEngine open(EngineConfig config) {
        return open(config, Checkpoints.NONE);
    }

    /** Like {@link #open(EngineConfig)}, telling {@code checkpoints} when operations reach their named points. */
    public static ContainerEngine open(EngineConfig config, Checkpoints checkpoints) {
        Path state = config.stateDir();
        StateDirectory.prepare(state);
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        ContainerStore store = new ContainerStore(state.resolve("isoscope.db"), state.resolve("containers"), json, clock);
        try {
            StateDirectory.restrictDatabase(state.resolve("isoscope.db"));
            Syscalls sys = new Syscalls(LibC.load());
            List<IsolationRuntime> runtimes = List.of(
                    new RuncIsolation(config.runcPath(), System.getenv("PATH"),
                            MonitorBinary.locate(System.getenv(), config.guestDir()), state.resolve("run"), sys, json, checkpoints),
                    new QemuIsolation(new QemuHost(config.qemuPath()), config.guestDir().resolve("vmlinuz"),
                            config.guestDir().resolve("isoscope-agent"), state.resolve("run"),
                            new InitramfsBuilder(state.resolve("cache")), VmSize.defaults(), sys, json, checkpoints));
            return new DefaultContainerEngine(config, store, new ImageStore(state.resolve("images"), HOST_BUSYBOX),
                    new ProcReader(Path.of("/proc"), new UserNames(Path.of("/etc/passwd"))), runtimes, clock, checkpoints);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
