package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an OCI runtime config from Docker's defaults (the template resource: default capabilities with
 * CAP_NET_RAW, masked and read-only /proc paths, no_new_privileges, pid/ipc/uts/mount/network namespaces)
 * filled in with one workload. Immutable, thread-safe.
 */
public final class OciConfigWriter {

    private final ObjectMapper json;
    private final ObjectNode template;

    public OciConfigWriter(ObjectMapper json) {
        this.json = json;
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
        ((ObjectNode) c.get("linux")).put("cgroupsPath", cgroupsPath);
        return c;
    }

    /** The same config with docker's {@code --memory} and {@code --cpus} as cgroup limits (0 = none). */
    public ObjectNode withLimits(ObjectNode config, int memoryMiB, int cpus) {
        ObjectNode resources = (ObjectNode) config.get("linux").get("resources");
        if (memoryMiB > 0) {
            resources.putObject("memory").put("limit", (long) memoryMiB << 20);
        }
        if (cpus > 0) {
            // CFS bandwidth: N CPUs' worth of time in every 100 ms period, as docker's --cpus does.
            resources.putObject("cpu").put("period", 100_000L).put("quota", cpus * 100_000L);
        }
        return config;
    }

    /** Writes {@code config} to {@code file} atomically. */
    public void write(ObjectNode config, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), config);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
