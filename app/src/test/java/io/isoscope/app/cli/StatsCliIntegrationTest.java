package io.isoscope.app.cli;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stats --no-stream} against a real busy runc container, through a CLI engine of its own. */
class StatsCliIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    @Test
    void aBusyContainersRowShowsCpuMemoryItsLimitAndPids() {
        ContainerInfo c = fixture.engine().run(ContainerSpec.of("busybox", Isolation.PROCESS, "sh", "-c",
                "while :; do :; done").withName("cli-busy").withLimits(32, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Cli(() -> Engines.open(EngineConfig.at(fixture.stateDir())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(List.of("stats", "--no-stream", "cli-busy"));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        String[] cells = lines.get(1).split(" {3,}");
        assertThat(cells[0]).isEqualTo(c.shortId());
        assertThat(cells[1]).isEqualTo("cli-busy");
        assertThat(Double.parseDouble(cells[2].replace("%", ""))).as("a busy loop").isGreaterThan(10.0);
        assertThat(cells[3]).matches("[0-9.]+(B|KiB|MiB) / 32MiB");
        assertThat(Double.parseDouble(cells[4].replace("%", ""))).isBetween(0.0, 100.0);
        assertThat(cells[5]).isEqualTo("1");
    }
}
