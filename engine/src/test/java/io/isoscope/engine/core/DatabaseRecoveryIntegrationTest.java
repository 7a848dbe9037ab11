package io.isoscope.engine.core;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineWarning;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine (runc, busybox, SQLite) after its database was damaged while it was closed: the next engine
 * moves the file aside, lists the same containers again from their record files, says so, and can still drive
 * the running one.
 */
@Tag("fault-injection")
class DatabaseRecoveryIntegrationTest {

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
    void aCorruptDatabaseIsRebuiltAndTheRunningContainerStaysUsable() throws IOException {
        ContainerEngine engine = fixture.engine();
        assertThat(engine.warnings()).isEmpty();
        ContainerInfo running = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sleep", "3600")
                .withName("survivor"));
        ContainerInfo exited = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "exit 3")
                .withName("finished"));
        exited = engine.awaitExit(exited.id(), Duration.ofSeconds(10));
        assertThat(exited.exitCode()).isEqualTo(3);
        ContainerInfo idle = engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withName("idle"));
        List<ContainerInfo> before = engine.list(true);
        engine.close();
        Path db = fixture.stateDir().resolve("isoscope.db");
        byte[] garbage = "scribbled over by something else ".repeat(300).getBytes(StandardCharsets.UTF_8);
        Files.write(db, garbage);

        ContainerEngine reopened = fixture.reopen();

        List<ContainerInfo> after = reopened.list(true);
        assertThat(after).extracting(ContainerInfo::id, ContainerInfo::name, ContainerInfo::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(running.id(), "survivor", ContainerState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple(exited.id(), "finished", ContainerState.EXITED),
                        org.assertj.core.groups.Tuple.tuple(idle.id(), "idle", ContainerState.CREATED));
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        List<Path> aside = asideFiles();
        assertThat(aside).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).matches("isoscope\\.db\\.corrupt-\\d{8}T\\d{6}Z");
            assertThat(Files.readAllBytes(p)).isEqualTo(garbage);
        });
        assertThat(reopened.warnings()).singleElement().extracting(EngineWarning::message).asString()
                .contains("was damaged (file is not a database)")
                .contains("moved aside to " + aside.get(0))
                .contains("3 containers restored");

        // The restored record drives the real container: stop reaches its process.
        ContainerInfo stopped = reopened.stop("survivor", Duration.ofSeconds(1));
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(ProcessHandle.of(running.hostPid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private List<Path> asideFiles() throws IOException {
        try (Stream<Path> files = Files.list(fixture.stateDir())) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }
}
