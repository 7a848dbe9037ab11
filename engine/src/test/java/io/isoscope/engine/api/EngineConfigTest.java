package io.isoscope.engine.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's configuration from the environment, and the app's paths laid over it. */
class EngineConfigTest {

    @Test
    void theEnvironmentNamesRuncQemuAndTheGuestDirectory() {
        EngineConfig config = EngineConfig.fromEnvironment(Map.of("ISOSCOPE_HOME", "/tmp/iso-home",
                "ISOSCOPE_RUNC", "/opt/runc", "ISOSCOPE_QEMU", "/opt/qemu-system-x86_64",
                "ISOSCOPE_GUEST_DIR", "/opt/guest"), true);

        assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/iso-home"));
        assertThat(config.runcPath()).isEqualTo(Path.of("/opt/runc"));
        assertThat(config.qemuPath()).isEqualTo(Path.of("/opt/qemu-system-x86_64"));
        assertThat(config.guestDir()).isEqualTo(Path.of("/opt/guest"));
    }

    @Test
    void blankOrMissingToolVariablesMeanSearchTheHost() {
        EngineConfig config = EngineConfig.fromEnvironment(Map.of("ISOSCOPE_RUNC", " ", "ISOSCOPE_QEMU", ""), true);

        assertThat(config.runcPath()).isNull();
        assertThat(config.qemuPath()).isNull();
        assertThat(config.guestDir()).isEqualTo(Path.of("/var/cache/isoscope/guest"));
    }

    @Test
    void withPathsReplacesOnlyThePathsGiven() {
        EngineConfig base = new EngineConfig(Path.of("/s"), Path.of("/env/runc"), Duration.ofSeconds(3),
                Path.of("/env/guest"), Path.of("/env/qemu"));

        EngineConfig both = base.withPaths(Path.of("/set/runc"), null, Path.of("/set/guest"));

        assertThat(both).isEqualTo(new EngineConfig(Path.of("/s"), Path.of("/set/runc"), Duration.ofSeconds(3),
                Path.of("/set/guest"), Path.of("/env/qemu")));
        assertThat(base.withPaths(null, null, null)).isEqualTo(base);
    }
}
