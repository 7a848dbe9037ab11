package io.isoscope.engine.runtime.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What this host offers the VM runtime: the QEMU binary, its version, and whether KVM is usable (else TCG
 * emulation). Looked up once per instance, except a missing binary, which is looked for again on every call (so a
 * readiness check after installing QEMU finds it). Thread-safe.
 */
public final class QemuHost {

    private static final List<String> DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin");

    private final Path configured;
    private final boolean kvm;
    private volatile Optional<Path> binary;
    private volatile String version;

    /** Finds {@code qemu-system-x86_64} (or uses {@code configured}, when not {@code null}) and checks {@code /dev/kvm}. */
    public QemuHost(Path configured) {
        this.configured = configured;
        this.binary = find(configured);
        this.kvm = kvmUsable();
    }

    private static Optional<Path> find(Path configured) {
        return configured != null ? Optional.of(configured).filter(Files::isExecutable)
                : DIRS.stream().map(d -> Path.of(d, "qemu-system-x86_64")).filter(Files::isExecutable).findFirst();
    }

    /** The binary the configuration names, or empty when QEMU is searched for in the usual directories. */
    public Optional<Path> configured() {
        return Optional.ofNullable(configured);
    }

    /**
     * KVM needs the device and hardware virtualisation (vmx/svm in /proc/cpuinfo): some sandboxes expose a
     * /dev/kvm backed by a paravirtual module (kvm_pvm) that cannot run an ordinary guest kernel.
     */
    private static boolean kvmUsable() {
        Path dev = Path.of("/dev/kvm");
        if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
            return false;
        }
        try {
            String cpu = Files.readString(Path.of("/proc/cpuinfo"));
            return cpu.matches("(?s).*\\bflags\\s*:.*\\b(vmx|svm)\\b.*");
        } catch (IOException e) {
            return false;
        }
    }

    /** The QEMU binary, if installed (looked for again while it is not). */
    public Optional<Path> binary() {
        Optional<Path> b = binary;
        if (b.isEmpty()) {
            b = find(configured);
            binary = b;
        }
        return b;
    }

    /** Whether KVM acceleration is usable here; otherwise QEMU emulates the CPU (TCG). */
    public boolean kvm() {
        return kvm;
    }

    /** "KVM" or "TCG". */
    public String accelerator() {
        return kvm ? "KVM" : "TCG";
    }

    /** QEMU's own version line, e.g. "QEMU emulator version 7.2.22 (Debian ...)"; asked once. */
    public String version() {
        String v = version;
        Optional<Path> binary = binary();
        if (v == null && binary.isPresent()) {
            try {
                Process p = new ProcessBuilder(binary.get().toString(), "--version").redirectErrorStream(true).start();
                v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("qemu");
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                v = "qemu";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                v = "qemu";
            }
            version = v;
        }
        return v;
    }
}
