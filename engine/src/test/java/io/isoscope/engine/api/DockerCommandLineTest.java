package io.isoscope.engine.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerCommandLineTest {

    @Test
    void aTerminalSpecShowsDashIt() {
        ContainerSpec shell = ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withTty(true);

        assertThat(DockerCommandLine.of(shell, false)).isEqualTo("docker run -it busybox sh");
        assertThat(DockerCommandLine.of(shell, true)).isEqualTo("docker run -d -it busybox sh");
        assertThat(DockerCommandLine.of(shell.withTty(false), true)).isEqualTo("docker run -d busybox sh");
    }

    @Test
    void wordsThatNeedQuotingAreQuotedForTheShell() {
        ContainerSpec spec = ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c", "echo 'hi there'").withTty(true)
                .withName("web");

        assertThat(DockerCommandLine.of(spec, false))
                .isEqualTo("docker run -it --isolation=hyperv --name web busybox sh -c 'echo '\\''hi there'\\'''");
    }
}
