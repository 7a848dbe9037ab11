package io.isoscope.engine.faults;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.runtime.FileTrees;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new engine makes of containers that changed while no engine was open: ended ones get their real exit
 * code and time, vanished ones are marked with the reason, nothing is silently dropped.
 */
@Tag("fault-injection")
class RestartReconciliationIntegrationTest {

    private TestEngine test;

    @BeforeEach
    void setUp() {
        test = TestEngine.open();
    }

    @AfterEach
    void tearDown() {
        test.close();
    }

    @Test
    void aContainerThatEndedWhileNoEngineWasOpenGetsItsRealExitCodeAndTime() throws IOException {
        ContainerEngine engine = test.engine();
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c", "sleep 1; exit 3"));
        Path exitFile = dir(c).resolve("exit");
        engine.close();
        assertThat(exitFile).as("still running when the engine closed").doesNotExist();
        Poll.until("the monitor records the exit with no engine open", Duration.ofSeconds(15), () -> Files.exists(exitFile));
        Instant recorded = Files.getLastModifiedTime(exitFile).toInstant();

        ContainerInfo after = test.reopen().inspect(c.id());

        assertThat(after.state()).isEqualTo(ContainerState.EXITED);
        assertThat(after.exitCode()).isEqualTo(3);
        assertThat(after.finishedAt()).as("the time it ended, not the time the engine noticed").isEqualTo(recorded);
    }

    @Test
    void aContainerWhoseMonitorAndWorkloadVanishedIsMarkedDeadWithTheReason() throws IOException {
        ContainerEngine engine = test.engine();
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "ping", "127.0.0.1"));
        long monitor = Long.parseLong(Files.readString(dir(c).resolve("monitor.pid")).trim());
        engine.close();
        // As after a host restart: everything of the container is gone, and nothing recorded an exit.
        ProcessHandle.of(monitor).orElseThrow().destroyForcibly();
        ProcessHandle.of(c.hostPid()).orElseThrow().destroyForcibly();
        Poll.until("runc gone", Duration.ofSeconds(10), () -> Leftovers.processesNaming(c.id()).isEmpty());

        ContainerEngine reopened = test.reopen();
        ContainerInfo after = reopened.inspect(c.id());

        assertThat(after.state()).isEqualTo(ContainerState.DEAD);
        assertThat(after.reason()).contains("without recording an exit code");
        Poll.until("a DIED event with the reason", Duration.ofSeconds(5), () -> reopened.events(c.id()).stream()
                .anyMatch(e -> e.type() == EngineEvent.Type.DIED && e.detail().contains("without recording")));
    }

    @Test
    void aRecordWhoseDirectoryVanishedIsMarkedNotDropped() throws IOException {
        ContainerEngine engine = test.engine();
        ContainerInfo c = engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true"));
        engine.close();
        FileTrees.delete(dir(c));

        ContainerEngine reopened = test.reopen();
        ContainerInfo after = reopened.inspect(c.id());

        assertThat(after.state()).isEqualTo(ContainerState.DEAD);
        assertThat(after.reason()).contains("vanished");
        reopened.remove(c.id(), false);
        assertThat(reopened.list(true)).isEmpty();
    }

    private Path dir(ContainerInfo c) {
        return test.stateDir().resolve("containers").resolve(c.id());
    }
}
