package io.isoscope.engine.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's spellings of the limits, and the docker line that shows them. */
class LimitSyntaxTest {

    @ParameterizedTest
    @CsvSource({"'', 0", "256m, 256", "256M, 256", "256mb, 256", "1g, 1024", "1GiB, 1024", "1048576, 1", "1k, 1",
            "6500k, 7", "0, 0", "1t, 1048576", "' 64m ', 64", "99999999999999999999g, 2147483647", "4096g, 4194304"})
    void memorySizesAreWholeMebibytesRoundedUp(String text, int mib) {
        assertThat(LimitSyntax.memoryMiB(text)).isEqualTo(mib);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-5m", "1.5g", "12q", "m"})
    void aMemorySizeMustBeANumberWithAUnit(String text) {
        assertThatThrownBy(() -> LimitSyntax.memoryMiB(text))
                .hasMessage("use a number with an optional unit k, m or g, e.g. 256m or 1g");
    }

    @Test
    void cpusAreWholeNumbers() {
        assertThat(LimitSyntax.cpus("")).isZero();
        assertThat(LimitSyntax.cpus("2")).isEqualTo(2);
        assertThat(LimitSyntax.cpus("-1")).as("the engine judges the range").isEqualTo(-1);
        for (String bad : List.of("0.5", "two", "99999999999")) {
            assertThatThrownBy(() -> LimitSyntax.cpus(bad)).hasMessage("use a whole number of CPUs, e.g. 1 or 2");
        }
    }

    @Test
    void pidsLimitsFollowDocker() {
        assertThat(LimitSyntax.pidsLimit("")).as("the default").isZero();
        assertThat(LimitSyntax.pidsLimit("100")).isEqualTo(100);
        assertThat(LimitSyntax.pidsLimit("-1")).isEqualTo(ContainerSpec.NO_PIDS_LIMIT);
        assertThat(LimitSyntax.pidsLimit("0")).as("docker's other spelling of unlimited").isEqualTo(ContainerSpec.NO_PIDS_LIMIT);
        assertThat(LimitSyntax.pidsLimit("-7")).as("the engine judges the range").isEqualTo(-7);
        assertThatThrownBy(() -> LimitSyntax.pidsLimit("many"))
                .hasMessage("use a whole number of processes, e.g. 100, or -1 for no limit");
    }

    @Test
    void theDockerLineShowsEveryLimitThatIsSet() {
        ContainerSpec spec = ContainerSpec.of("busybox", Isolation.PROCESS, "sh").withLimits(256, 2).withPidsLimit(100);
        assertThat(DockerCommandLine.of(spec, true))
                .isEqualTo("docker run -d --memory=256m --cpus=2 --pids-limit=100 busybox sh");
        assertThat(DockerCommandLine.of(spec.withPidsLimit(ContainerSpec.NO_PIDS_LIMIT), false))
                .isEqualTo("docker run --memory=256m --cpus=2 --pids-limit=-1 busybox sh");
        assertThat(DockerCommandLine.of(spec.withLimits(0, 0).withPidsLimit(0), false)).isEqualTo("docker run busybox sh");
    }
}
