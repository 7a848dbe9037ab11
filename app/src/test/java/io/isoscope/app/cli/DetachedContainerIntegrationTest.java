package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `isoscope run -d` in a JVM of its own: the container (or its VM) outlives that process, as with docker. */
class DetachedContainerIntegrationTest {

    private TestEngine fixture;

    @BeforeEach
    void open() {
        fixture = TestEngine.open();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aContainerRunWithDashDKeepsRunningAfterTheCliExits() throws Exception {
        Process cli = launcher("run", "-d", "--name", "outlives", "busybox", "ping", "127.0.0.1");
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(cli.exitValue()).as(new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(out).matches("[0-9a-f]{64}");
        assertThat(cli.isAlive()).isFalse();

        ContainerInfo c = fixture.engine().inspect("outlives");
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(ProcessHandle.of(c.hostPid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(fixture.engine().processes(c.id())).extracting(p -> p.name()).containsExactly("ping");
    }

    @Test
    void aVmRunWithDashDKeepsRunningAfterTheCliExits() throws Exception {
        Process cli = launcher("run", "-d", "--isolation=hyperv", "--name", "vm-outlives", "busybox", "ping", "127.0.0.1");
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        ContainerInfo c = fixture.engine().inspect("vm-outlives");
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(ProcessHandle.of(c.hostPid()).flatMap(h -> h.info().command())).hasValueSatisfying(
                cmd -> assertThat(cmd).endsWith("qemu-system-x86_64"));
        assertThat(fixture.engine().processes(c.id())).extracting(p -> p.name()).containsExactly("ping");
    }

    private Process launcher(String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.isoscope.app.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ISOSCOPE_HOME", fixture.stateDir().toString());
        return pb.start();
    }
}
