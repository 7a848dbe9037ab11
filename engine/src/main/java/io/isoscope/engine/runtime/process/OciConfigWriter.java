package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ResourceLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes an OCI runtime config from Docker's defaults (the template resource: default capabilities with
 * CAP_NET_RAW, masked and read-only /proc and /sys paths, no_new_privileges, pid/ipc/uts/mount/network
 * namespaces; Docker's default seccomp profile for the container's capabilities on this host; a pids limit)
 * filled in with one workload. Immutable, thread-safe.
 */
public final class OciConfigWriter {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** The CFS bandwidth period docker uses for {@code --cpus}. */
    private static final long CFS_PERIOD_MICROS = 100_000L;

    private final ObjectMapper json;
    private final ObjectNode template;
    private final SeccompProfile seccomp;
    private final HostPlatform host;

    /** A writer applying Docker's default seccomp profile as it applies on this host. */
    public OciConfigWriter(ObjectMapper json) {
        this(json, SeccompProfile.dockerDefault(json), HostPlatform.current());
    }

    /** A writer applying {@code seccomp} (null: none) as it applies on {@code host}. */
    public OciConfigWriter(ObjectMapper json, SeccompProfile seccomp, HostPlatform host) {
        this.json = json;
        this.seccomp = seccomp;
        this.host = host;
        try (InputStream in = OciConfigWriter.class.getResourceAsStream("oci-config-template.json")) {
            this.template = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OCI config template is missing from the engine jar", e);
        }
    }

    /** The config for a workload; {@code cgroupsPath} groups the engine's containers under one parent. */
    public ObjectNode config(List<String> args, List<String> env, String cwd, String hostname, String cgroupsPath) {
        ObjectNode c = template.deepCopy();
        ObjectNode process = (ObjectNode) c.get("process");
        ArrayNode a = process.putArray("args");
        args.forEach(a::add);
        ArrayNode e = process.putArray("env");
        env.forEach(e::add);
        process.put("cwd", cwd == null || cwd.isEmpty() ? "/" : cwd);
        c.put("hostname", hostname);
        ObjectNode linux = (ObjectNode) c.get("linux");
        linux.put("cgroupsPath", cgroupsPath);
        if (seccomp != null) {
            // Converted per container from its own bounding set, as Docker does: a rule that needs a capability
            // the container lacks (e.g. unshare needs CAP_SYS_ADMIN) is left out, so the call is refused.
            List<String> bounding = new ArrayList<>();
            process.path("capabilities").path("bounding").forEach(cap -> bounding.add(cap.asText()));
            linux.set("seccomp", seccomp.toOci(bounding, host));
        }
        return c;
    }

    /**
     * The same config on a terminal ({@code docker run -t}): runc creates a pty and hands its master to the
     * container's monitor; {@code TERM=xterm} unless the workload sets TERM itself, as docker does.
     */
    public ObjectNode withTerminal(ObjectNode config) {
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", true);
        ArrayNode env = (ArrayNode) process.get("env");
        boolean hasTerm = false;
        for (var e : env) {
            hasTerm |= e.asText().startsWith("TERM=");
        }
        if (!hasTerm) {
            env.add("TERM=xterm");
        }
        return config;
    }

    /** The same config without a seccomp filter, for a runtime built without seccomp support. */
    public ObjectNode withoutSeccomp(ObjectNode config) {
        ((ObjectNode) config.get("linux")).remove("seccomp");
        return config;
    }

    /**
     * The limits of docker's {@code --memory}, {@code --cpus} (0 = none) and {@code --pids-limit} (0 = the
     * default, {@link ContainerSpec#DEFAULT_PIDS_LIMIT}: a fork bomb stops there, an ordinary workload never gets
     * near it; -1 = none) as this writer applies them, so that what inspect reports is what the cgroups hold.
     */
    public static ResourceLimits limits(int memoryMiB, int cpus, int pidsLimit) {
        long pids = pidsLimit == 0 ? ContainerSpec.DEFAULT_PIDS_LIMIT : Math.max(0, pidsLimit);
        return ResourceLimits.of(Math.max(0, memoryMiB), Math.max(0, cpus), pids);
    }

    /**
     * The same config with the {@link #limits} of docker's {@code --memory}, {@code --cpus} and
     * {@code --pids-limit} as cgroup limits; runc applies the same fields through cgroups v1 or v2.
     */
    public ObjectNode withLimits(ObjectNode config, int memoryMiB, int cpus, int pidsLimit) {
        ResourceLimits limits = limits(memoryMiB, cpus, pidsLimit);
        ObjectNode resources = (ObjectNode) config.get("linux").get("resources");
        if (limits.pidsLimit() > 0) {
            resources.putObject("pids").put("limit", limits.pidsLimit());
        }
        if (limits.memoryBytes() > 0) {
            resources.putObject("memory").put("limit", limits.memoryBytes());
        }
        if (limits.nanoCpus() > 0) {
            // CFS bandwidth: N CPUs' worth of time in every 100 ms period, as docker's --cpus does.
            resources.putObject("cpu").put("period", CFS_PERIOD_MICROS)
                    .put("quota", limits.nanoCpus() * CFS_PERIOD_MICROS / ResourceLimits.NANOS_PER_CPU);
        }
        return config;
    }

    /**
     * Writes {@code config} to {@code file} atomically, readable by its owner only: the environment in it may hold
     * secrets.
     */
    public void write(ObjectNode config, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (OutputStream out = Files.newOutputStream(Files.createFile(tmp, OWNER_ONLY))) {
            json.writeValue(out, config);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
