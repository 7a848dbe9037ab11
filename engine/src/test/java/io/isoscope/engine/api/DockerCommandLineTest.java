package io.isoscope.engine.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerCommandLineTest {

    @Test
    void aTtySpecGetsDashIt() {
        ContainerSpec sh = ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withName("web").withTty(true);
        assertThat(DockerCommandLine.of(sh, true)).isEqualTo("docker run -d -it --name web busybox sh");
        assertThat(DockerCommandLine.of(sh, false)).isEqualTo("docker run -it --name web busybox sh");
        assertThat(DockerCommandLine.of(sh.withTty(false), true)).isEqualTo("docker run -d --name web busybox sh");
    }
}
