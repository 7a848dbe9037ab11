package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's inspect document is what the CLI's Jackson writer printed before, byte for byte. */
class InspectDocumentTest {

    private final JacksonInspectJson jackson = new JacksonInspectJson();

    private static ContainerInfo info(String name, List<String> command, ContainerState state, Integer exit,
                                      Long hostPid, Instant started, Instant finished, String reason) {
        return new ContainerInfo("4f".repeat(32), name, "busybox:latest", "sha256:" + "ab".repeat(32), command,
                Isolation.HYPERV, state, exit, hostPid, Instant.parse("2026-01-02T03:04:05.123456789Z"), started,
                finished, reason, true, "qemu (TCG)");
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

        assertThat(new InspectDocument(containers).json()).isEqualTo(jackson.write(containers));
        assertThat(InspectDocument.of(containers.get(0)).json()).isEqualTo(jackson.write(List.of(containers.get(0))));
        assertThat(new InspectDocument(List.of()).json()).isEqualTo(jackson.write(List.of())).isEqualTo("[]");
    }
}
