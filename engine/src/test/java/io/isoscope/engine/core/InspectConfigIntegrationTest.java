package io.isoscope.engine.core;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine records what a container was created with (its environment, command, terminal and limits) and
 * inspect shows it after the engine restarts and after its database was rebuilt from the record files.
 */
class InspectConfigIntegrationTest {

    private TestEngine fixture;

    @BeforeEach
    void open() {
        fixture = TestEngine.open();
    }

    @AfterEach
    void close() {
        // Removes every container (the running one is killed) and deletes the state directory.
        fixture.close();
    }

    @Test
    void envCommandAndLimitsSurviveARestartAndADatabaseRebuild() throws IOException {
        ContainerEngine engine = fixture.engine();
        List<String> command = List.of("sh", "-c", "echo \"greeting=$GREETING\"; sleep 600");
        ContainerSpec spec = new ContainerSpec("busybox", command, "configured", Isolation.PROCESS,
                List.of("GREETING=hello world", "DB_PASSWORD=s3cr=t"), false, 64, 1, 50);

        ContainerInfo created = engine.run(spec);

        ResourceLimits limits = new ResourceLimits(64L << 20, ResourceLimits.NANOS_PER_CPU, 50);
        assertThat(created.env()).as("the image's PATH, then -e's, as the workload gets them")
                .endsWith("GREETING=hello world", "DB_PASSWORD=s3cr=t")
                .anySatisfy(e -> assertThat(e).startsWith("PATH="));
        assertThat(created.limits()).isEqualTo(limits);
        assertThat(created.command()).isEqualTo(command);
        assertThat(created.tty()).isFalse();
        // What was recorded is what the workload runs with.
        Poll.until("the greeting in the log", Duration.ofSeconds(10),
                () -> engine.logs(created.id()).contains("greeting=hello world"));

        ContainerInfo afterRestart = fixture.reopen().inspect("configured");
        assertThat(afterRestart.env()).isEqualTo(created.env());
        assertThat(afterRestart.limits()).isEqualTo(limits);
        assertThat(afterRestart.command()).isEqualTo(command);

        fixture.engine().close();
        Files.write(fixture.stateDir().resolve("isoscope.db"),
                "not a database any more ".repeat(300).getBytes(StandardCharsets.UTF_8));
        ContainerEngine rebuilt = fixture.reopen();
        assertThat(rebuilt.warnings()).as("the database was rebuilt").isNotEmpty();
        ContainerInfo restored = rebuilt.inspect("configured");
        assertThat(restored.env()).isEqualTo(created.env());
        assertThat(restored.limits()).isEqualTo(limits);

        String json = InspectDocument.of(restored).json();
        assertThat(json).contains("\"Env\": [", "\"DB_PASSWORD=s3cr=t\"", "\"Tty\": false",
                "\"Memory\": 67108864", "\"NanoCpus\": 1000000000", "\"PidsLimit\": 50", "\"Isolation\": \"process\"");
    }

    @Test
    void defaultLimitsAreReportedAsTheRuntimeAppliesThem() {
        ContainerEngine engine = fixture.engine();

        ContainerInfo plain = engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withTty(true));
        ContainerInfo unlimited = engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true")
                .withPidsLimit(ContainerSpec.NO_PIDS_LIMIT));
        ContainerInfo vm = engine.create(ContainerSpec.of("busybox", Isolation.HYPERV, "true"));
        ContainerInfo bigVm = engine.create(ContainerSpec.of("busybox", Isolation.HYPERV, "true").withLimits(200, 2));

        assertThat(plain.limits()).as("no memory or CPU limit, the default pids limit")
                .isEqualTo(new ResourceLimits(0, 0, ContainerSpec.DEFAULT_PIDS_LIMIT));
        assertThat(plain.tty()).isTrue();
        assertThat(unlimited.limits()).isEqualTo(ResourceLimits.unlimited());
        assertThat(vm.limits()).as("the VM's default size; its own kernel counts processes")
                .isEqualTo(ResourceLimits.of(128, 1, 0));
        assertThat(bigVm.limits()).isEqualTo(ResourceLimits.of(200, 2, 0));
        assertThat(engine.inspect(bigVm.id())).isEqualTo(bigVm);
        assertThat(InspectDocument.of(bigVm).json()).contains("\"Isolation\": \"hyperv\"",
                "\"Memory\": " + (200L << 20), "\"NanoCpus\": 2000000000", "\"PidsLimit\": 0");
    }
}
