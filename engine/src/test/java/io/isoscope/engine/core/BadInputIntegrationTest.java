package io.isoscope.engine.core;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.testing.SharedTestEngine;
import io.isoscope.engine.testing.TestEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a clear error and leaves nothing behind, against the real engine. */
@Tag("fault-injection")
class BadInputIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    @Test
    void unknownImage(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.run(ContainerSpec.of("nosuchimage", Isolation.PROCESS, "ping", "127.0.0.1")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("No such image: nosuchimage:latest")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND);
        assertNothingLeft();
    }

    @Test
    void malformedImageReference(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.run(ContainerSpec.of("Bad Image", Isolation.PROCESS, "true")))
                .isInstanceOf(EngineException.class).hasMessageContaining("invalid reference format");
        assertNothingLeft();
    }

    @Test
    void emptyCommand(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.run(ContainerSpec.of("busybox", Isolation.PROCESS)))
                .isInstanceOf(EngineException.class).hasMessageContaining("no command given")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.INVALID_SPEC);
        assertNothingLeft();
    }

    @Test
    void commandMissingFromTheImage(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "nginx", "-g", "daemon off;")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("exec: \"nginx\": executable file not found in $PATH")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.COMMAND_NOT_FOUND);
        assertNothingLeft();
    }

    @Test
    void badNameAndBadEnvironment(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withName("no spaces")))
                .hasMessageContaining("Invalid container name");
        assertThatThrownBy(() -> engine.run(new ContainerSpec("busybox", List.of("true"), null, Isolation.PROCESS, List.of("=x"), false)))
                .hasMessageContaining("invalid environment entry");
        assertNothingLeft();
    }

    @Test
    void nameInUse(ContainerEngine engine) {
        engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withName("twin"));
        assertThatThrownBy(() -> engine.create(ContainerSpec.of("busybox", Isolation.PROCESS, "true").withName("twin")))
                .isInstanceOf(EngineException.class).hasMessageContaining("\"/twin\" is already in use");
        engine.remove("twin", false);
        assertNothingLeft();
    }

    @Test
    void hypervWithoutAGuestKernelIsRefusedWithTheFix(@TempDir Path tmp) throws Exception {
        Path emptyGuest = Files.createDirectories(tmp.resolve("guest"));
        try (ContainerEngine e = Engines.open(new EngineConfig(tmp.resolve("state"), null, Duration.ofSeconds(10), emptyGuest))) {
            RuntimeReadiness hyperv = e.readiness().get(1);
            assertThat(hyperv.available()).isFalse();
            assertThat(hyperv.reason()).isEqualTo("the guest kernel " + emptyGuest.resolve("vmlinuz") + " is missing");
            assertThat(hyperv.fix()).isEqualTo("installer/fetch-guest-kernel.sh");
            assertThatThrownBy(() -> e.run(ContainerSpec.of("busybox", Isolation.HYPERV, "ping", "127.0.0.1")))
                    .isInstanceOf(EngineException.class).hasMessageContaining("hyperv isolation is not available here")
                    .extracting(x -> ((EngineException) x).kind()).isEqualTo(EngineException.Kind.RUNTIME_UNAVAILABLE);
            assertThat(e.list(true)).isEmpty();
        }
    }

    @Test
    void runcMissing() {
        try (TestEngine noRunc = TestEngine.open(Path.of("/nonexistent/runc"))) {
            ContainerEngine e = noRunc.engine();
            assertThat(e.readiness().get(0).available()).isFalse();
            assertThat(e.readiness().get(0).reason()).contains("/nonexistent/runc");
            assertThatThrownBy(() -> e.run(ContainerSpec.of("busybox", Isolation.PROCESS, "true")))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("process isolation is not available here")
                    .extracting(x -> ((EngineException) x).kind()).isEqualTo(EngineException.Kind.RUNTIME_UNAVAILABLE);
            assertThat(e.list(true)).isEmpty();
        }
    }

    @Test
    void unknownContainer(ContainerEngine engine) {
        assertThatThrownBy(() -> engine.stop("nope", null)).hasMessage("No such container: nope");
    }

    private static void assertNothingLeft() {
        assertThat(fixture.engine().list(true)).isEmpty();
        try (Stream<Path> s = Files.list(fixture.stateDir().resolve("containers"))) {
            assertThat(s.toList()).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
