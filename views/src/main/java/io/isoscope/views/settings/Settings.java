package io.isoscope.views.settings;

import io.isoscope.engine.api.Isolation;

import java.util.Objects;
import java.util.Set;

/**
 * The app's preferences: what the Run form starts with, how often the window refreshes, where the host tools are,
 * and the theme. A blank path means "the default" (the environment's, else what the engine finds). Immutable,
 * thread-safe.
 *
 * @param defaultIsolation the isolation the Run form starts with (process when Hyper-V cannot run here)
 * @param refreshSeconds   seconds between two refreshes of the tables, {@value #MIN_REFRESH} to {@value #MAX_REFRESH}
 * @param vmMemoryMiB      the RAM the Run form offers a Hyper-V container, {@value #MIN_VM_MEMORY} to {@value #MAX_VM_MEMORY} MiB
 * @param vmCpus           the vCPUs the Run form offers a Hyper-V container, 1 to {@value #MAX_VM_CPUS}
 * @param runcPath         the runc binary, or blank
 * @param qemuPath         the {@code qemu-system-x86_64} binary, or blank
 * @param guestDir         the directory holding the guest kernel ({@code vmlinuz}) and agent, or blank
 * @param theme            light or dark
 * @param hiddenHostColumns the host table's columns the user hid, by name ({@code VIRTUAL}, {@code THREADS}, ...;
 *                          the names of {@code io.isoscope.views.processes.HostColumn}); names the window does not
 *                          know are kept and ignored
 */
public record Settings(Isolation defaultIsolation, double refreshSeconds, int vmMemoryMiB, int vmCpus,
                       String runcPath, String qemuPath, String guestDir, Theme theme,
                       Set<String> hiddenHostColumns) {

    public static final double MIN_REFRESH = 0.5;
    public static final double MAX_REFRESH = 10;
    public static final int MIN_VM_MEMORY = 64;
    public static final int MAX_VM_MEMORY = 65536;
    public static final int MAX_VM_CPUS = 64;

    /**
     * The host columns hidden until the user shows them: those a default window has no room for beside the
     * command line.
     */
    public static final Set<String> DEFAULT_HIDDEN_HOST_COLUMNS = Set.of("VIRTUAL", "THREADS", "SESSION");

    /**
     * What a new installation starts with: process isolation, 1 s, a 128 MiB / 1 vCPU VM (the engine's own VM
     * size, so the Run form need not spell it out), found tools, light, VM size / Threads / SI hidden.
     */
    public static final Settings DEFAULTS = new Settings(Isolation.PROCESS, 1.0, 128, 1, "", "", "", Theme.LIGHT);

    /** Settings with the default hidden host columns. */
    public Settings(Isolation defaultIsolation, double refreshSeconds, int vmMemoryMiB, int vmCpus, String runcPath,
                    String qemuPath, String guestDir, Theme theme) {
        this(defaultIsolation, refreshSeconds, vmMemoryMiB, vmCpus, runcPath, qemuPath, guestDir, theme,
                DEFAULT_HIDDEN_HOST_COLUMNS);
    }

    /** Nulls become the defaults' values, so a record is always complete. */
    public Settings {
        defaultIsolation = Objects.requireNonNullElse(defaultIsolation, Isolation.PROCESS);
        runcPath = Objects.requireNonNullElse(runcPath, "").trim();
        qemuPath = Objects.requireNonNullElse(qemuPath, "").trim();
        guestDir = Objects.requireNonNullElse(guestDir, "").trim();
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
        hiddenHostColumns = hiddenHostColumns == null ? DEFAULT_HIDDEN_HOST_COLUMNS : Set.copyOf(hiddenHostColumns);
    }

    /** These settings with {@code hidden} as the hidden host columns. */
    public Settings withHiddenHostColumns(Set<String> hidden) {
        return new Settings(defaultIsolation, refreshSeconds, vmMemoryMiB, vmCpus, runcPath, qemuPath, guestDir, theme,
                hidden);
    }

    /** Whether the three tool paths are the same as {@code other}'s (they only take effect when the engine opens). */
    public boolean samePaths(Settings other) {
        return runcPath.equals(other.runcPath) && qemuPath.equals(other.qemuPath) && guestDir.equals(other.guestDir);
    }

    /** Whether {@code seconds} is an allowed refresh interval. */
    static boolean refreshInRange(double seconds) {
        return seconds >= MIN_REFRESH && seconds <= MAX_REFRESH;
    }

    /** Whether {@code mib} is an allowed VM memory size. */
    static boolean memoryInRange(int mib) {
        return mib >= MIN_VM_MEMORY && mib <= MAX_VM_MEMORY;
    }

    /** Whether {@code cpus} is an allowed vCPU count. */
    static boolean cpusInRange(int cpus) {
        return cpus >= 1 && cpus <= MAX_VM_CPUS;
    }
}
