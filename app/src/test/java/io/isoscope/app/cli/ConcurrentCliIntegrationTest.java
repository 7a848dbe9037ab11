package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several CLI processes on one state directory at the same moment (and an engine open next to them, as the app
 * would be): each container operation happens once, the loser gets docker's error, nothing is left half-done.
 */
@Tag("fault-injection")
class ConcurrentCliIntegrationTest {

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
    void twoRunsWithOneNameStartOneContainerAndTellTheOtherWhy() throws Exception {
        List<Process> clis = List.of(
                launcher("run", "-d", "--name", "twin", "busybox", "ping", "127.0.0.1"),
                launcher("run", "-d", "--name", "twin", "busybox", "ping", "127.0.0.1"));
        List<Integer> codes = waitAll(clis);

        assertThat(codes).containsExactlyInAnyOrder(0, 125);
        Process loser = clis.get(codes.indexOf(125));
        assertThat(stderr(loser)).contains("Conflict. The container name \"/twin\" is already in use");
        assertThat(fixture.engine().list(true)).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(ContainerState.RUNNING));
        assertThat(Files.list(fixture.stateDir().resolve("containers")).count()).as("no half-made second container").isEqualTo(1);
    }

    @Test
    void twoForcedRemovesOfOneContainerRemoveItOnce() throws Exception {
        ContainerInfo c = fixture.engine().run(io.isoscope.engine.api.ContainerSpec.of("busybox",
                io.isoscope.engine.api.Isolation.PROCESS, "ping", "127.0.0.1").withName("victim"));
        List<Process> clis = List.of(launcher("rm", "-f", "victim"), launcher("rm", "-f", "victim"),
                launcher("stop", "-t", "1", "victim"));
        List<Integer> codes = waitAll(clis);

        assertThat(codes.subList(0, 2)).as("one rm removes it, the other finds it gone").containsExactlyInAnyOrder(0, 1);
        assertThat(stderr(clis.get(codes.indexOf(1)))).contains("No such container: victim");
        assertThat(fixture.engine().list(true)).isEmpty();
        assertThat(ProcessHandle.of(c.hostPid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.list(fixture.stateDir().resolve("containers")).count()).isZero();
        assertThat(Files.list(fixture.stateDir().resolve("ops")).filter(p -> p.toString().endsWith(".pending")).count())
                .as("no operation left half-done").isZero();
    }

    private static List<Integer> waitAll(List<Process> clis) throws InterruptedException {
        List<Integer> codes = new ArrayList<>();
        for (Process p : clis) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            codes.add(p.exitValue());
        }
        return codes;
    }

    private static String stderr(Process p) throws IOException {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private Process launcher(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.isoscope.app.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ISOSCOPE_HOME", fixture.stateDir().toString());
        return pb.start();
    }
}
