package io.isoscope.engine.runtime.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.runtime.IsolationRuntime;
import io.isoscope.engine.runtime.Liveness;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.runtime.vm.agent.AgentClient;
import io.isoscope.engine.runtime.vm.agent.AgentException;
import io.isoscope.engine.runtime.vm.agent.ConsoleLine;
import io.isoscope.engine.runtime.vm.agent.GuestProcess;
import io.isoscope.engine.runtime.vm.agent.GuestSession;
import io.isoscope.engine.runtime.vm.agent.SessionRefusedException;
import io.isoscope.engine.runtime.vm.initramfs.InitramfsBuilder;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.FileTrees;
import io.isoscope.engine.sys.Syscalls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Hyper-V isolation: each container in its own QEMU utility VM whose host process is named {@code vmwp}, booting
 * the guest kernel with an initramfs of the image plus the guest agent as /init. QEMU is started in a session of
 * its own and itself writes the workload's output and exit code to files, so a VM container outlives the engine
 * that started it. Terminals (attach, exec) travel over the VM's console line, which this engine holds while it
 * has sessions there. Thread-safe; the engine serialises calls for one container.
 */
public final class QemuIsolation implements IsolationRuntime {

    /** Docker's code for a container ended by SIGKILL: what a VM that had to be killed reports. */
    private static final int KILLED = 137;
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POWER_OFF_WAIT = Duration.ofSeconds(3);
    /**
     * The guest kernel's command line: quiet (loglevel 1 still logs a panic), no reboot on panic, no probing of
     * hardware a utility VM lacks, and initcalls measured as costly under TCG and useless to an initramfs guest
     * left out (rodata=off weakens a hardening inside the guest only, for 0.05-0.1 s).
     */
    private static final String KERNEL_ARGS = "console=ttyS0 quiet loglevel=1 panic=-1 rodata=off"
            + " i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd tsc=reliable no_timer_check noreplace-smp"
            + " rcupdate.rcu_expedited=1 mitigations=off cryptomgr.notests initcall_blacklist=init_kprobe_trace,"
            + "crypto_kdf108_init,load_system_certificate_list,init_encrypted,init_blk_tracer,crc_t10dif_mod_init,"
            + "ext4_init_fs,journal_init,init_hugetlbfs_fs,snapshot_device_init,tpm_init,tracer_init_tracefs";
    /** Run by {@code sh -c} with QEMU as $0 and its arguments as $@: owner-only sockets and files. */
    static final String UMASK_THEN_EXEC = "umask 0177 && exec \"$0\" \"$@\"";
    /** Below this the cloud kernel does not boot with an initramfs in RAM. */
    private static final int MIN_MEMORY_MIB = 80;

    private final QemuHost host;
    private final Path kernel;
    private final Path agent;
    private final Path runDir;
    private final InitramfsBuilder initramfs;
    private final VmSize size;
    private final Syscalls sys;
    private final ObjectMapper json;
    private final Checkpoints checkpoints;
    private final ConsoleLines consoles = new ConsoleLines(AGENT_TIMEOUT);

    /**
     * A runtime booting {@code kernel} with {@code agent} as /init; sockets go under {@code runDir}, built
     * initramfs archives are cached by {@code initramfs}; {@code checkpoints} hears the points inside a start.
     */
    public QemuIsolation(QemuHost host, Path kernel, Path agent, Path runDir, InitramfsBuilder initramfs, VmSize size,
                         Syscalls sys, ObjectMapper json, Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.host = host;
        this.kernel = kernel;
        this.agent = agent;
        this.runDir = runDir;
        this.initramfs = initramfs;
        this.size = size;
        this.sys = sys;
        this.json = json;
    }

    @Override
    public Isolation isolation() {
        return Isolation.HYPERV;
    }

    @Override
    public RuntimeReadiness readiness() {
        if (host.binary().isEmpty()) {
            if (host.configured().isPresent()) {
                return unavailable(null, "the configured QEMU (" + host.configured().get() + ") does not exist",
                        "point ISOSCOPE_QEMU at an installed qemu-system-x86_64, or unset it");
            }
            return unavailable(null, "QEMU is not installed (no qemu-system-x86_64)", "apt-get install -y qemu-system-x86");
        }
        String runtime = host.version().replaceFirst("^QEMU emulator version (\\S+).*", "qemu $1") + ", "
                + host.accelerator() + " (" + host.binary().get() + ")";
        if (!Files.isReadable(kernel)) {
            return unavailable(runtime, "the guest kernel " + kernel + " is missing", "installer/fetch-guest-kernel.sh");
        }
        if (!Files.isExecutable(agent)) {
            return unavailable(runtime, "the guest agent " + agent + " is missing", "installer/build-guest.sh");
        }
        if (!sys.isRoot()) {
            return unavailable(runtime, "VM isolation is only supported as root so far (it is tested that way)",
                    "run Isoscope as root: sudo ./isoscope");
        }
        return new RuntimeReadiness(Isolation.HYPERV, true, runtime, null, null);
    }

    @Override
    public String label() {
        return "qemu (" + host.accelerator() + ")";
    }

    /** The VM's size: RAM and vCPUs (its own kernel, not the host's cgroups, counts its processes). */
    @Override
    public ResourceLimits limits(Workload workload) {
        return ResourceLimits.of(memoryMiB(workload), cpus(workload), 0);
    }

    /** The VM's RAM: what was asked for (at least what the guest needs to boot), else the default size. */
    private int memoryMiB(Workload workload) {
        return workload.memoryMiB() > 0 ? Math.max(workload.memoryMiB(), MIN_MEMORY_MIB) : size.memoryMiB();
    }

    private int cpus(Workload workload) {
        return workload.cpus() > 0 ? workload.cpus() : size.cpus();
    }

    @Override
    public void prepare(Path dir, String id, Workload workload) throws IOException {
        // Owner-only: the workload's environment may hold secrets.
        Path file = Files.createFile(vm(dir, id).workload(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            json.writeValue(out, workload);
        }
    }

    @Override
    public long start(Path dir, String id, String imageDigest, List<Path> layerDirs, Duration timeout) throws IOException {
        VmDir vm = vm(dir, id);
        Workload workload = json.readValue(vm.workload().toFile(), Workload.class);
        Path initrd = initramfs.build(imageDigest, layerDirs, agent);
        Files.createDirectories(runDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FileTrees.delete(vm.sockets());
        Files.createDirectory(vm.sockets(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(vm.exitFile());
        Files.deleteIfExists(vm.pidFile());
        List<String> cmd = command(id, vm, initrd, workload);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(vm.qemuLog().toFile()));
        pb.redirectErrorStream(true);
        Process qemu = pb.start();
        long pid = qemu.pid();
        Files.writeString(vm.pidFile(), Long.toString(pid));
        checkpoints.reached("start.spawned");
        try (AgentClient client = AgentClient.connect(vm.agentSocket(), timeout)) {
            // The host's time goes along: the guest has no clock of its own, and the log's records need one.
            client.start(workload.args(), workload.env(), workload.cwd(), workload.tty(), Instant.now());
            return pid;
        } catch (AgentException e) {
            killQuietly(pid);
            throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "the VM did not start the workload: "
                    + e.getMessage() + consoleTail(vm), e);
        }
    }

    @Override
    public OptionalInt exitCode(Path dir) {
        try {
            String text = Files.readString(new VmDir(dir, null).exitFile()).trim();
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public Optional<Instant> exitTime(Path dir) {
        try {
            return Optional.of(Files.getLastModifiedTime(new VmDir(dir, null).exitFile()).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isAlive(Path dir, long hostPid, Instant startedAt) {
        // The engine records the start once the guest answers, up to a boot's length after QEMU started.
        return Liveness.alive(hostPid, startedAt, Duration.ofSeconds(60));
    }

    @Override
    public String reap(Path dir, long hostPid) {
        release(dir);
        return "its VM (vmwp, PID " + hostPid + ") ended without reporting an exit code (was it killed?)";
    }

    @Override
    public OptionalLong recoverStart(Path dir, String id) throws IOException {
        VmDir vm = vm(dir, id);
        Optional<ProcessHandle> qemu = findQemu(vm, id);
        if (qemu.isPresent()) {
            try (AgentClient client = AgentClient.connect(vm.agentSocket(), AGENT_TIMEOUT)) {
                if (client.status().pid() != null) {
                    return OptionalLong.of(qemu.get().pid()); // the workload runs: adopt the VM
                }
            } catch (AgentException e) {
                // a guest that cannot say its workload runs is a start that did not get through
            }
            killQuietly(qemu.get().pid());
        }
        if (exitCode(dir).isEmpty()) {
            Files.deleteIfExists(vm.pidFile());
        }
        release(dir);
        return OptionalLong.empty();
    }

    @Override
    public void terminate(Path dir, long hostPid) {
        try (AgentClient client = AgentClient.connect(agentSocket(dir), AGENT_TIMEOUT)) {
            client.signal(0, Syscalls.SIGTERM);
        } catch (AgentException e) {
            // An agent that does not answer gets the grace period anyway, then the power-off and the kill.
        }
    }

    @Override
    public void afterGrace(Path dir, long hostPid) {
        try (AgentClient client = AgentClient.connect(agentSocket(dir), AGENT_TIMEOUT)) {
            client.powerOff();
        } catch (AgentException e) {
            // falls through to the kill
        }
        if (!awaitGone(hostPid, POWER_OFF_WAIT)) {
            sys.kill(hostPid, Syscalls.SIGKILL);
            awaitGone(hostPid, POWER_OFF_WAIT);
        }
        recordKilled(dir);
    }

    @Override
    public void forceKill(Path dir, long hostPid) {
        sys.kill(hostPid, Syscalls.SIGKILL);
        awaitGone(hostPid, POWER_OFF_WAIT);
        recordKilled(dir);
    }

    @Override
    public ConsoleSession attach(Path dir, String id) {
        VmDir vm = vm(dir, id);
        GuestSession session = openSession(vm, id, "attach to", line -> line.attach(AGENT_TIMEOUT,
                ended -> consoles.sessionEnded(vm)));
        session.exitFallback(() -> exitCode(dir)); // the VM may power off before the exit code reaches the line
        return session;
    }

    @Override
    public ConsoleSession exec(Path dir, String id, List<String> command, boolean tty) {
        return exec(dir, id, command, tty, false);
    }

    @Override
    public ConsoleSession exec(Path dir, String id, List<String> command, boolean tty, boolean separateStderr) {
        VmDir vm = vm(dir, id);
        // The agent sends stdout and stderr apart in any case (OUTPUT frames name their stream).
        return openSession(vm, id, "exec in", line -> line.exec(command, tty, separateStderr && !tty, AGENT_TIMEOUT,
                ended -> consoles.sessionEnded(vm)));
    }

    /** Opens a session on the VM's console line with {@code open}, turning the agent's refusals into engine errors. */
    private GuestSession openSession(VmDir vm, String id, String what, Function<ConsoleLine, GuestSession> open) {
        String name = id.substring(0, 12);
        if (!Files.exists(vm.consoleSocket())) {
            throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE, "cannot " + what + " container "
                    + name + ": its VM has no console line (it was started by an older Isoscope); restart it first");
        }
        try {
            return consoles.open(vm, name, open);
        } catch (SessionRefusedException e) {
            EngineException.Kind kind = switch (e.reason()) {
                case "not-found" -> EngineException.Kind.COMMAND_NOT_FOUND;
                case "no-terminal", "not-running", "busy" -> EngineException.Kind.CONFLICT;
                default -> EngineException.Kind.RUNTIME_FAILED;
            };
            String message = e.reason().equals("not-found") || e.reason().equals("not-permitted")
                    ? "exec: " + e.getMessage() : "cannot " + what + " container " + name + ": " + e.getMessage();
            throw new EngineException(kind, message, e);
        } catch (AgentException e) {
            throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "cannot " + what + " container " + name
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<List<ContainerProcess>> guestProcesses(Path dir) {
        try (AgentClient client = AgentClient.connect(agentSocket(dir), AGENT_TIMEOUT)) {
            Long workload = client.status().pid();
            List<GuestProcess> all = client.processes();
            return Optional.of(all.stream()
                    .filter(p -> workload != null && inContainer(p))
                    .map(p -> new ContainerProcess(p.pid(), p.ppid(), null, p.user(), p.name(), p.commandLine(),
                            p.cpuSeconds(), p.rssBytes(), null))
                    .toList());
        } catch (AgentException e) {
            return Optional.of(List.of()); // the VM is going away; the next refresh will say so
        }
    }

    @Override
    public void release(Path dir) {
        // QEMU has exited; its sockets are dead ends. A restart makes new ones.
        try {
            FileTrees.delete(vm(dir, dir.getFileName().toString()).sockets());
        } catch (IOException e) {
            // destroy tries again
        }
    }

    @Override
    public void destroy(Path dir, String id) throws IOException {
        VmDir vm = vm(dir, id);
        findQemu(vm, id).ifPresent(h -> killQuietly(h.pid()));
        FileTrees.delete(vm.sockets());
        FileTrees.delete(dir);
    }

    /**
     * The container's QEMU if it runs: from the PID file, or (when the engine died before writing it) found by
     * the {@code -name ID,process=vmwp} on its command line.
     */
    private static Optional<ProcessHandle> findQemu(VmDir vm, String id) {
        String name = id + ",process=vmwp";
        Optional<ProcessHandle> byPid = readPid(vm).flatMap(ProcessHandle::of).filter(h -> isQemuNamed(h, name));
        return byPid.isPresent() ? byPid : ProcessHandle.allProcesses().filter(h -> isQemuNamed(h, name)).findFirst();
    }

    private static boolean isQemuNamed(ProcessHandle h, String name) {
        return h.isAlive() && h.info().arguments().map(a -> List.of(a).contains(name)).orElse(false);
    }

    /**
     * QEMU's command line: a microvm (no PCI, no firmware tables to emulate), no defaults, no display, no network,
     * four 8250 serial ports and the debug port as PROTOCOL.md lays out (the microvm's own serial port plus three
     * ISA ports sharing IRQs), and the uncompressed kernel booted through PVH when the set-up step extracted it.
     */
    List<String> command(String id, VmDir vm, Path initrd, Workload workload) {
        int memory = memoryMiB(workload);
        int cpus = cpus(workload);
        Path elf = kernel.resolveSibling("vmlinux");
        List<String> c = new ArrayList<>(List.of(
                // setsid: a session of its own, so the VM outlives the engine (and the terminal) that started it.
                // The fixed script sets QEMU's umask and execs it with its arguments as positional parameters (no
                // text is spliced into it): the agent and QMP sockets QEMU creates are then 0600, reachable only by
                // the engine's user, and so are the files it writes.
                "/usr/bin/setsid", "/bin/sh", "-c", UMASK_THEN_EXEC, host.binary().orElseThrow().toString(),
                "-name", id + ",process=vmwp",
                // memfd RAM: this host's transparent huge pages would turn each touched 4 KiB of anonymous guest
                // RAM into 2 MiB resident.
                "-object", "memory-backend-memfd,id=ram,size=" + memory + "M",
                "-machine", "microvm,memory-backend=ram",
                "-accel", host.kvm() ? "kvm" : "tcg,tb-size=" + size.translationCacheMiB(),
                // rdrand: without it the guest's first getrandom() blocks about a second gathering entropy.
                "-cpu", host.kvm() ? "host" : "qemu64,rdrand=on",
                "-m", memory + "M", "-smp", Integer.toString(cpus),
                // No default devices and explicitly no NIC: no network unless asked; no -drive, -fsdev or -virtfs
                // either, so the guest shares no host file (kernel and initramfs are copied into its RAM).
                "-nodefaults", "-no-user-config", "-no-reboot", "-display", "none", "-nic", "none",
                "-kernel", (Files.isReadable(elf) ? elf : kernel).toString(), "-initrd", initrd.toString(),
                "-append", KERNEL_ARGS + tscArg() + " isoscope.hostname=" + workload.hostname(),
                "-chardev", "file,id=console,path=" + optionValue(vm.console()), "-serial", "chardev:console",
                "-chardev", "socket,id=agent,path=" + optionValue(vm.agentSocket()) + ",server=on,wait=off",
                "-device", "isa-serial,chardev=agent,index=1,iobase=0x2f8,irq=3",
                "-chardev", "file,id=out,path=" + optionValue(vm.log()) + ",append=on",
                "-device", "isa-serial,chardev=out,index=2,iobase=0x3e8,irq=4",
                "-chardev", "socket,id=sessions,path=" + optionValue(vm.consoleSocket()) + ",server=on,wait=off",
                "-device", "isa-serial,chardev=sessions,index=3,iobase=0x2e8,irq=3",
                // The exit code on QEMU's debug port, written once by the agent when the workload has ended (a
                // fifth serial port would need a kernel that knows more than four).
                "-chardev", "file,id=exit,path=" + optionValue(vm.exitFile()),
                "-device", "isa-debugcon,chardev=exit,iobase=0xe9",
                // QMP through a chardev rather than -qmp unix:PATH, whose legacy syntax cannot escape a comma.
                "-chardev", "socket,id=qmp,path=" + optionValue(vm.qmpSocket()) + ",server=on,wait=off",
                "-mon", "chardev=qmp,mode=control",
                "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny"));
        return c;
    }

    /**
     * A path as the value in one of QEMU's {@code key=value,...} options: a comma there would end the value and
     * start another option (the state directory may be anywhere), so it is doubled, QEMU's escape.
     */
    static String optionValue(Path path) {
        return path.toString().replace(",", ",,");
    }

    /**
     * Under TCG the guest would calibrate its TSC against a timer microvm lacks; the host's rate is the guest's
     * (TCG runs the guest TSC at the host's), so it is handed over.
     */
    private static String tscArg() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return " tsc_early_khz=" + (long) (Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) * 1000);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the guest calibrates itself, a little slower
        }
        return "";
    }

    /**
     * Whether {@code p} is one of the container's processes, as docker top shows them: the workload, its
     * descendants, exec'd processes and orphans the agent adopted; not the agent that is the VM's init (PID 1),
     * nor the guest kernel's threads (kthreadd, PID 2, and its children).
     */
    private static boolean inContainer(GuestProcess p) {
        return p.pid() > 2 && p.ppid() != 2;
    }

    private VmDir vm(Path dir, String id) {
        return new VmDir(dir, runDir.resolve(id.substring(0, 12)));
    }

    private Path agentSocket(Path dir) {
        return vm(dir, dir.getFileName().toString()).agentSocket();
    }

    private void recordKilled(Path dir) {
        if (exitCode(dir).isEmpty()) {
            try {
                Files.writeString(new VmDir(dir, null).exitFile(), KILLED + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                // without it the engine marks the container dead, with the reason; nothing is lost
            }
        }
    }

    private static Optional<Long> readPid(VmDir vm) {
        try {
            return Optional.of(Long.parseLong(Files.readString(vm.pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private void killQuietly(long pid) {
        sys.kill(pid, Syscalls.SIGKILL);
        awaitGone(pid, POWER_OFF_WAIT);
    }

    private static String consoleTail(VmDir vm) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(vm.qemuLog(), StandardCharsets.UTF_8));
            lines.addAll(Files.readAllLines(vm.console(), StandardCharsets.UTF_8));
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "" : " (console: " + String.join(" | ", tail).trim() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static RuntimeReadiness unavailable(String runtime, String reason, String fix) {
        return new RuntimeReadiness(Isolation.HYPERV, false, runtime, reason, fix);
    }

}
