package io.isoscope.engine.core;

import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.runtime.process.RuncRuntime;
import io.isoscope.engine.sys.Syscalls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the host's runtimes and says, for each isolation, whether it can run here and the exact fix. Thread-safe. */
final class ReadinessProbe {

    /** Where Debian puts runc; root's PATH has these, a user's may not. */
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private final Path configuredRunc;
    private final String pathEnv;
    private final Syscalls sys;

    ReadinessProbe(Path configuredRunc, String pathEnv, Syscalls sys) {
        this.configuredRunc = configuredRunc;
        this.pathEnv = pathEnv == null ? "" : pathEnv;
        this.sys = sys;
    }

    /** The runc binary to use, if one is installed (or the configured one, if it exists). */
    Optional<Path> findRunc() {
        if (configuredRunc != null) {
            return Files.isExecutable(configuredRunc) ? Optional.of(configuredRunc) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(pathEnv.split(":")));
        dirs.addAll(SBIN);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "runc"))
                .filter(Files::isExecutable).findFirst();
    }

    /** Readiness of process isolation; {@code runtime} is the runtime found, if any. */
    RuntimeReadiness process(Optional<RuncRuntime> runtime) {
        if (runtime.isEmpty()) {
            String where = configuredRunc != null ? "the configured runc (" + configuredRunc + ") does not exist"
                    : "runc is not installed (not found in PATH or /usr/sbin)";
            return new RuntimeReadiness(Isolation.PROCESS, false, null, where,
                    configuredRunc != null ? "point ISOSCOPE_RUNC at an installed runc, or unset it"
                            : "apt-get install -y runc");
        }
        String version = runtime.get().version().replaceFirst("^runc version ", "runc ") + " (" + runtime.get().binary() + ")";
        if (!sys.isRoot()) {
            return new RuntimeReadiness(Isolation.PROCESS, false, version,
                    "process isolation needs root (rootless containers are not supported yet)",
                    "run Isoscope as root: sudo ./isoscope");
        }
        return new RuntimeReadiness(Isolation.PROCESS, true, version, null, null);
    }

    /** Readiness of VM isolation: not part of this version. */
    RuntimeReadiness hyperv() {
        return new RuntimeReadiness(Isolation.HYPERV, false, null,
                "VM isolation (a QEMU utility VM per container) is not implemented in this version of Isoscope",
                "Use process isolation until the VM runtime ships.");
    }
}
