package io.isoscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's inspect document is what the CLI's Jackson writer printed before, byte for byte (the components as
 * they were), followed by docker's Config and HostConfig sections.
 */
class InspectDocumentTest {

    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin", "DB_PASSWORD=s3cr=t \"quoted\" ✓");
    private static final ResourceLimits LIMITS = new ResourceLimits(256L << 20, 2 * ResourceLimits.NANOS_PER_CPU, 100);

    private final JacksonInspectJson jackson = new JacksonInspectJson();

    private static ContainerInfo info(String name, List<String> command, ContainerState state, Integer exit,
                                      Long hostPid, Instant started, Instant finished, String reason) {
        return new ContainerInfo("4f".repeat(32), name, "busybox:latest", "sha256:" + "ab".repeat(32), command,
                Isolation.HYPERV, state, exit, hostPid, Instant.parse("2026-01-02T03:04:05.123456789Z"), started,
                finished, reason, true, "qemu (TCG)", true, ENV, LIMITS);
    }

    /** What the Jackson writer makes of {@code c}: its components but env and limits, then docker's sections. */
    private Map<String, Object> expected(ContainerInfo c) {
        Map<String, Object> o = jackson.fields(c);
        o.remove("env");
        o.remove("limits");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Cmd", c.command());
        config.put("Env", c.env());
        config.put("Tty", c.tty());
        o.put("Config", config);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("Isolation", c.isolation().dockerName());
        host.put("Memory", c.limits() == null ? null : c.limits().memoryBytes());
        host.put("NanoCpus", c.limits() == null ? null : c.limits().nanoCpus());
        host.put("PidsLimit", c.limits() == null ? null : c.limits().pidsLimit());
        o.put("HostConfig", host);
        return o;
    }

    @Test
    void theDocumentIsWhatJacksonWrote() {
        List<ContainerInfo> containers = List.of(
                info("web", List.of("ping", "127.0.0.1"), ContainerState.RUNNING, null, 6466L,
                        Instant.parse("2026-01-02T03:04:06Z"), null, null),
                info("odd \"name\" \\ é ✓", List.of(), ContainerState.EXITED, 137, null,
                        Instant.parse("2026-01-02T03:04:06.5Z"), Instant.parse("2026-01-02T03:05:00Z"),
                        "killed\nby\tsignal \u0001\u001f\b\f\r /slash \u007f"),
                info("dead", List.of("sh", "-c", "echo \"hi\""), ContainerState.DEAD, null, null, null, null,
                        "its VM (vmwp, PID 2376) ended without reporting an exit code"));
        List<Map<String, Object>> expected = containers.stream().map(this::expected).toList();

        assertThat(new InspectDocument(containers).json()).isEqualTo(jackson.write(expected));
        assertThat(InspectDocument.of(containers.get(0)).json()).isEqualTo(jackson.write(List.of(expected.get(0))));
        assertThat(new InspectDocument(List.of()).json()).isEqualTo(jackson.write(List.of())).isEqualTo("[]");
    }

    @Test
    void dockersSectionsHoldTheEnvironmentAndLimitsInDockersShapes() throws Exception {
        ContainerInfo c = info("web", List.of("sh", "-c", "env"), ContainerState.RUNNING, null, 1L, null, null, null);

        JsonNode o = new ObjectMapper().readTree(InspectDocument.of(c).json()).get(0);

        assertThat(o.at("/Config/Cmd").toString()).isEqualTo("[\"sh\",\"-c\",\"env\"]");
        assertThat(o.at("/Config/Env").toString()).as("as docker shows it: secrets too")
                .isEqualTo("[\"PATH=/usr/bin:/bin\",\"DB_PASSWORD=s3cr=t \\\"quoted\\\" ✓\"]");
        assertThat(o.at("/Config/Tty").asBoolean()).isTrue();
        assertThat(o.at("/HostConfig/Isolation").asText()).isEqualTo("hyperv");
        assertThat(o.at("/HostConfig/Memory").asLong()).isEqualTo(268_435_456L);
        assertThat(o.at("/HostConfig/NanoCpus").asLong()).isEqualTo(2_000_000_000L);
        assertThat(o.at("/HostConfig/PidsLimit").asLong()).isEqualTo(100);
        assertThat(o.has("env")).as("only in docker's section").isFalse();
        assertThat(o.has("limits")).isFalse();
    }

    @Test
    void whatAnOlderIsoscopeDidNotRecordIsNull() throws Exception {
        ContainerInfo old = new ContainerInfo("4f".repeat(32), "old", "busybox:latest", null, List.of("true"),
                Isolation.PROCESS, ContainerState.EXITED, 0, null, Instant.parse("2026-01-02T03:04:05Z"), null, null,
                null, false, "runc");

        JsonNode o = new ObjectMapper().readTree(InspectDocument.of(old).json()).get(0);

        assertThat(o.at("/Config/Env").isNull()).isTrue();
        assertThat(o.at("/Config/Cmd").toString()).isEqualTo("[\"true\"]");
        assertThat(o.at("/HostConfig/Isolation").asText()).isEqualTo("process");
        assertThat(o.at("/HostConfig/Memory").isNull()).isTrue();
        assertThat(o.at("/HostConfig/NanoCpus").isNull()).isTrue();
        assertThat(o.at("/HostConfig/PidsLimit").isNull()).isTrue();
    }
}
