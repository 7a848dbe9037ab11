package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The OCI config written for runc: Docker's default confinement, filled in with one workload. */
class OciConfigWriterTest {

    /** Docker's default capability set (moby oci/caps/defaults.go): 14 capabilities, CAP_NET_RAW among them. */
    private static final List<String> DOCKER_DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Docker's masked and read-only paths (moby oci/defaults.go; /sys/devices/virtual/powercap since Docker 25). */
    private static final List<String> DOCKER_MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> DOCKER_READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final OciConfigWriter writer = new OciConfigWriter(json);

    @Test
    void theWrittenConfigCarriesDockersConfinementAndTheWorkload() throws IOException {
        Path file = tmp.resolve("config.json");
        writer.write(writer.config(List.of("ping", "-c", "1", "127.0.0.1"), List.of("PATH=/bin", "A=b c"),
                "/work dir", "c0ffee123456", "/isoscope/c0ffee"), file);

        JsonNode c = json.readTree(file.toFile());

        assertThat(texts(c.at("/linux/namespaces"), "type"))
                .contains("pid", "ipc", "uts", "mount", "network")
                .doesNotHaveDuplicates();
        for (JsonNode ns : c.at("/linux/namespaces")) {
            assertThat(ns.has("path")).as("namespace %s must be new, not joined", ns).isFalse();
        }
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertThat(texts(c.at("/process/capabilities/" + set)))
                    .as(set).contains("CAP_NET_RAW").hasSize(14).containsExactlyInAnyOrderElementsOf(DOCKER_DEFAULT_CAPS);
        }
        assertThat(texts(c.at("/process/capabilities/inheritable"))).isEmpty();
        assertThat(texts(c.at("/process/capabilities/ambient"))).isEmpty();
        assertThat(c.at("/process/noNewPrivileges").isBoolean()).isTrue();
        assertThat(c.at("/process/noNewPrivileges").booleanValue()).isTrue();
        assertThat(texts(c.at("/linux/maskedPaths"))).containsAll(DOCKER_MASKED);
        assertThat(texts(c.at("/linux/readonlyPaths"))).containsExactlyInAnyOrderElementsOf(DOCKER_READ_ONLY);
        assertThat(c.at("/linux/seccomp/defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(c.at("/linux/seccomp/syscalls").size()).isGreaterThan(5);

        assertThat(texts(c.at("/process/args"))).containsExactly("ping", "-c", "1", "127.0.0.1");
        assertThat(texts(c.at("/process/env"))).containsExactly("PATH=/bin", "A=b c");
        assertThat(c.at("/process/cwd").asText()).isEqualTo("/work dir");
        assertThat(c.at("/hostname").asText()).isEqualTo("c0ffee123456");
        assertThat(c.at("/linux/cgroupsPath").asText()).isEqualTo("/isoscope/c0ffee");
        assertThat(c.at("/root/path").asText()).isEqualTo("rootfs");
        assertThat(c.at("/ociVersion").asText()).isNotEmpty();
    }

    @Test
    void anEmptyOrMissingWorkingDirectoryIsTheRoot() {
        assertThat(writer.config(List.of("true"), List.of(), "", "h", "/p").at("/process/cwd").asText()).isEqualTo("/");
        assertThat(writer.config(List.of("true"), List.of(), null, "h", "/p").at("/process/cwd").asText()).isEqualTo("/");
    }

    @Test
    void eachConfigStartsFromAnUntouchedTemplate() {
        ObjectNode first = writer.config(List.of("first", "arg"), List.of("FIRST=1"), "/one", "one", "/g/one");
        // A caller adjusting its config must not leak into the next container's.
        ((ArrayNode) first.at("/process/capabilities/bounding")).add("CAP_SYS_ADMIN");
        ((ArrayNode) first.at("/linux/namespaces")).removeAll();
        ((ObjectNode) first.get("process")).put("noNewPrivileges", false);

        ObjectNode second = writer.config(List.of("second"), List.of(), "/two", "two", "/g/two");

        assertThat(texts(second.at("/process/args"))).containsExactly("second");
        assertThat(texts(second.at("/process/env"))).isEmpty();
        assertThat(second.at("/hostname").asText()).isEqualTo("two");
        assertThat(texts(second.at("/process/capabilities/bounding"))).containsExactlyInAnyOrderElementsOf(DOCKER_DEFAULT_CAPS);
        assertThat(texts(second.at("/linux/namespaces"), "type")).contains("pid", "ipc", "uts", "mount", "network");
        assertThat(second.at("/process/noNewPrivileges").booleanValue()).isTrue();
        assertThat(texts(first.at("/process/args"))).as("the first config keeps its own args").containsExactly("first", "arg");
        assertThat(first.at("/hostname").asText()).isEqualTo("one");
    }

    @Test
    void theSeccompFilterFollowsTheContainersCapabilitiesAndCanBeLeftOut() {
        ObjectNode config = writer.config(List.of("true"), List.of(), "/", "h", "/p");
        assertThat(allowedSyscalls(config)).doesNotContain("unshare", "mount").contains("read", "chroot");

        ((ArrayNode) config.at("/process/capabilities/bounding")).add("CAP_SYS_ADMIN");
        assertThat(allowedSyscalls(writer.config(List.of("true"), List.of(), "/", "h", "/p")))
                .as("each config starts from the template's capabilities").doesNotContain("unshare");
        assertThat(writer.withoutSeccomp(config).at("/linux").has("seccomp")).isFalse();

        OciConfigWriter none = new OciConfigWriter(json, null, HostPlatform.current());
        assertThat(none.config(List.of("true"), List.of(), "/", "h", "/p").at("/linux").has("seccomp")).isFalse();
    }

    @Test
    void limitsBecomeCgroupResourcesWithADefaultPidsLimit() {
        ObjectNode defaults = writer.withLimits(writer.config(List.of("true"), List.of(), "/", "h", "/p"), 0, 0, 0);
        assertThat(defaults.at("/linux/resources/pids/limit").asInt()).isEqualTo(4096);
        assertThat(defaults.at("/linux/resources").has("memory")).isFalse();
        assertThat(defaults.at("/linux/resources").has("cpu")).isFalse();

        ObjectNode set = writer.withLimits(writer.config(List.of("true"), List.of(), "/", "h", "/p"), 64, 2, 100);
        assertThat(set.at("/linux/resources/pids/limit").asInt()).isEqualTo(100);
        assertThat(set.at("/linux/resources/memory/limit").asLong()).isEqualTo(64L << 20);
        assertThat(set.at("/linux/resources/cpu/quota").asLong()).isEqualTo(200_000L);
        assertThat(set.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000L);

        ObjectNode unlimited = writer.withLimits(writer.config(List.of("true"), List.of(), "/", "h", "/p"), 0, 0, -1);
        assertThat(unlimited.at("/linux/resources").has("pids")).isFalse();
    }

    @Test
    void theReportedLimitsAreTheOnesApplied() {
        assertThat(OciConfigWriter.limits(0, 0, 0)).as("the defaults: only the pids limit")
                .isEqualTo(new ResourceLimits(0, 0, ContainerSpec.DEFAULT_PIDS_LIMIT));
        assertThat(OciConfigWriter.limits(64, 2, 100))
                .isEqualTo(new ResourceLimits(64L << 20, 2_000_000_000L, 100));
        assertThat(OciConfigWriter.limits(0, 0, ContainerSpec.NO_PIDS_LIMIT)).isEqualTo(ResourceLimits.unlimited());
    }

    @Test
    void theConfigFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = tmp.resolve("config.json");
        writer.write(writer.config(List.of("env"), List.of("TOKEN=secret"), "/", "h", "/p"), file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"stale\": true}");

        writer.write(writer.config(List.of("new"), List.of(), "/", "h", "/p"), file);

        assertThat(texts(json.readTree(file.toFile()).at("/process/args"))).containsExactly("new");
        assertThat(json.readTree(file.toFile()).has("stale")).isFalse();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static List<String> allowedSyscalls(JsonNode config) {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : config.at("/linux/seccomp/syscalls")) {
            if (rule.get("action").asText().equals("SCMP_ACT_ALLOW")) {
                rule.get("names").forEach(n -> names.add(n.asText()));
            }
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
