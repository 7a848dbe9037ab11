package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seccomp profile in Docker's format (the resource {@code docker-default-seccomp.json} is Docker's default
 * profile, Apache-2.0, see {@code docker-default-seccomp.NOTICE}), converted to the OCI {@code linux.seccomp} of one
 * container the way Docker's daemon converts it (profiles/seccomp/seccomp_linux.go, setupSeccomp): the
 * architectures of this host from the profile's archMap, and only the rules whose {@code includes} all hold and
 * none of whose {@code excludes} hold, for the container's bounding capabilities, this architecture and this
 * kernel. Immutable, thread-safe.
 */
public final class SeccompProfile {

    /** libseccomp's architecture names to the OCI ones (Docker's nativeToSeccomp). */
    private static final Map<String, String> NATIVE_TO_OCI = Map.ofEntries(
            Map.entry("x86", "SCMP_ARCH_X86"), Map.entry("amd64", "SCMP_ARCH_X86_64"),
            Map.entry("arm", "SCMP_ARCH_ARM"), Map.entry("arm64", "SCMP_ARCH_AARCH64"),
            Map.entry("mips64", "SCMP_ARCH_MIPS64"), Map.entry("mips64n32", "SCMP_ARCH_MIPS64N32"),
            Map.entry("mipsel64", "SCMP_ARCH_MIPSEL64"), Map.entry("mips3l64n32", "SCMP_ARCH_MIPSEL64N32"),
            Map.entry("mipsle", "SCMP_ARCH_MIPSEL"), Map.entry("ppc", "SCMP_ARCH_PPC"),
            Map.entry("ppc64", "SCMP_ARCH_PPC64"), Map.entry("ppc64le", "SCMP_ARCH_PPC64LE"),
            Map.entry("s390", "SCMP_ARCH_S390"), Map.entry("s390x", "SCMP_ARCH_S390X"),
            Map.entry("riscv64", "SCMP_ARCH_RISCV64"));
    private static final Pattern MIN_KERNEL = Pattern.compile("(\\d+)\\.(\\d+)");

    private final JsonNode profile;
    private final ObjectMapper json;

    /** A profile from its Docker-format JSON. */
    public SeccompProfile(JsonNode profile, ObjectMapper json) {
        if (profile.hasNonNull("architectures") && profile.hasNonNull("archMap")) {
            throw new IllegalArgumentException("a seccomp profile may have 'architectures' or 'archMap', not both");
        }
        this.profile = profile;
        this.json = json;
    }

    /** Docker's default profile, from the engine's resources. */
    public static SeccompProfile dockerDefault(ObjectMapper json) {
        try (InputStream in = SeccompProfile.class.getResourceAsStream("docker-default-seccomp.json")) {
            if (in == null) {
                throw new IOException("not found");
            }
            return new SeccompProfile(json.readTree(in), json);
        } catch (IOException e) {
            throw new UncheckedIOException("Docker's seccomp profile is missing from the engine jar", e);
        }
    }

    /** The OCI {@code linux.seccomp} object for a container with {@code boundingCaps} on {@code host}. */
    public ObjectNode toOci(Collection<String> boundingCaps, HostPlatform host) {
        Set<String> caps = Set.copyOf(boundingCaps);
        ObjectNode oci = json.createObjectNode();
        oci.put("defaultAction", profile.path("defaultAction").asText());
        if (profile.hasNonNull("defaultErrnoRet")) {
            oci.put("defaultErrnoRet", profile.get("defaultErrnoRet").asInt());
        }
        ArrayNode arches = oci.putArray("architectures");
        if (profile.hasNonNull("architectures")) {
            profile.get("architectures").forEach(a -> arches.add(a.asText()));
        }
        String ociArch = NATIVE_TO_OCI.get(host.arch());
        for (JsonNode entry : profile.path("archMap")) {
            if (ociArch != null && ociArch.equals(entry.path("architecture").asText())) {
                arches.add(ociArch);
                entry.path("subArchitectures").forEach(a -> arches.add(a.asText()));
                break;
            }
        }
        if (arches.isEmpty()) {
            oci.remove("architectures"); // libseccomp then takes the native architecture, as with Docker
        }
        ArrayNode syscalls = oci.putArray("syscalls");
        for (JsonNode rule : profile.path("syscalls")) {
            if (applies(rule, caps, host)) {
                syscalls.add(converted(rule));
            }
        }
        return oci;
    }

    private static boolean applies(JsonNode rule, Set<String> caps, HostPlatform host) {
        JsonNode excludes = rule.path("excludes");
        if (contains(excludes.path("arches"), host.arch())) {
            return false;
        }
        for (JsonNode cap : excludes.path("caps")) {
            if (caps.contains(cap.asText())) {
                return false;
            }
        }
        if (excludes.hasNonNull("minKernel") && atLeast(host, excludes.get("minKernel").asText())) {
            return false;
        }
        JsonNode includes = rule.path("includes");
        if (!includes.path("arches").isEmpty() && !contains(includes.path("arches"), host.arch())) {
            return false;
        }
        for (JsonNode cap : includes.path("caps")) {
            if (!caps.contains(cap.asText())) {
                return false;
            }
        }
        return !includes.hasNonNull("minKernel") || atLeast(host, includes.get("minKernel").asText());
    }

    private ObjectNode converted(JsonNode rule) {
        if (rule.hasNonNull("name") && rule.hasNonNull("names")) {
            throw new IllegalArgumentException("a seccomp rule may have 'name' or 'names', not both: " + rule);
        }
        ObjectNode call = json.createObjectNode();
        ArrayNode names = call.putArray("names");
        if (rule.hasNonNull("name")) {
            names.add(rule.get("name").asText());
        } else {
            rule.path("names").forEach(n -> names.add(n.asText()));
        }
        call.put("action", rule.path("action").asText());
        if (rule.hasNonNull("errnoRet")) {
            call.put("errnoRet", rule.get("errnoRet").asInt());
        }
        if (rule.path("args").isArray() && !rule.path("args").isEmpty()) {
            call.set("args", rule.get("args").deepCopy());
        }
        return call;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Docker compares only {@code kernel.major}: minor revisions and distribution suffixes are ignored. */
    private static boolean atLeast(HostPlatform host, String minKernel) {
        if (minKernel.isEmpty()) {
            return true;
        }
        Matcher m = MIN_KERNEL.matcher(minKernel);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid minKernel \"" + minKernel + "\" in the seccomp profile: expected"
                    + " <kernel>.<major>");
        }
        return host.kernelAtLeast(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
