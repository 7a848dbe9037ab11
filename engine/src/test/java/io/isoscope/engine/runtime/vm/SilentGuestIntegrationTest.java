package io.isoscope.engine.runtime.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.runtime.vm.initramfs.InitramfsBuilder;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A guest whose /init never speaks the protocol: a clear timeout, and no QEMU left behind. */
@Tag("fault-injection")
class SilentGuestIntegrationTest {

    @TempDir
    Path tmp;

    @Test
    void aGuestThatNeverAnswersTimesOutAndItsVmIsGone() throws Exception {
        Path guest = EngineConfig.defaultGuestDir(Map.of(), true);
        Path layer = Files.createDirectories(tmp.resolve("layer/bin"));
        Files.copy(Path.of("/bin/busybox"), layer.resolve("busybox"));
        // busybox as /init runs its own init, which never answers on the agent line.
        QemuIsolation vm = new QemuIsolation(new QemuHost(null), guest.resolve("vmlinuz"), Path.of("/bin/busybox"),
                tmp.resolve("run"), new InitramfsBuilder(tmp.resolve("cache")), VmSize.defaults(),
                new Syscalls(LibC.load()), new ObjectMapper(), io.isoscope.engine.runtime.Checkpoints.NONE);
        String id = "5e1e47000000000000000000000000000000000000000000000000000000beef";
        Path dir = Files.createDirectories(tmp.resolve("containers").resolve(id));
        vm.prepare(dir, id, new Workload(List.of("true"), List.of(), "/", "silent", 0, 0));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> vm.start(dir, id, "sha256:" + "0".repeat(64), List.of(tmp.resolve("layer")), Duration.ofSeconds(6)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_FAILED);
                    assertThat(e.getMessage()).contains("the VM did not start the workload")
                            .contains("did not answer within");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        long qemu = Long.parseLong(Files.readString(dir.resolve("vmwp.pid")).trim());
        assertThat(ProcessHandle.of(qemu).map(ProcessHandle::isAlive).orElse(false)).as("QEMU is killed").isFalse();
        vm.destroy(dir, id);
        assertThat(dir).doesNotExist();
    }
}
