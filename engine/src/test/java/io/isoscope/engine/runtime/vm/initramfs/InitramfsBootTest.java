package io.isoscope.engine.runtime.vm.initramfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Boots a real kernel (QEMU, TCG) from a built initramfs: the consumer that matters accepts the archive, runs the
 * agent as /init and sees the merged layers. Runs only when a guest kernel is named with
 * {@code -Disoscope.guestKernel=PATH} (Debian's cloud kernel) and QEMU and a static busybox are installed.
 */
class InitramfsBootTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    Path dir;

    @Test
    void theKernelRunsTheAgentAsInitOverTheMergedLayers() throws Exception {
        // The kernel the set-up step fetched (./run-tests does it), unless another is named.
        String kernel = System.getProperty("isoscope.guestKernel",
                io.isoscope.engine.api.EngineConfig.defaultGuestDir(System.getenv(), true).resolve("vmlinuz").toString());
        assumeThat(Path.of(kernel)).isRegularFile();
        assumeThat(Files.isExecutable(QEMU)).as("qemu-system-x86").isTrue();
        assumeThat(Files.isExecutable(BUSYBOX)).as("busybox-static").isTrue();
        Path lower = Files.createDirectories(dir.resolve("layers/lower"));
        Files.createDirectories(lower.resolve("bin"));
        Files.copy(BUSYBOX, lower.resolve("bin/busybox"));
        Files.createSymbolicLink(lower.resolve("bin/sh"), Path.of("busybox"));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/greeting"), "from-lower");
        Path upper = Files.createDirectories(dir.resolve("layers/upper/etc"));
        Files.writeString(upper.resolve("greeting"), "from-upper");
        // devtmpfs is not mounted for an initramfs by the kernel itself: the agent's job, as here.
        Path agent = Files.writeString(dir.resolve("agent"), """
                #!/bin/sh
                /bin/busybox mount -t devtmpfs dev /dev
                echo "booted greeting=$(/bin/busybox cat /etc/greeting) tmp=$(/bin/busybox stat -c %a /tmp)" \
                > /dev/ttyS0
                /bin/busybox poweroff -f
                """);
        Path archive = new InitramfsBuilder(dir.resolve("cache"))
                .build("sha256:" + "0".repeat(64), List.of(dir.resolve("layers/upper"), lower), agent);
        Path console = dir.resolve("console.log");

        Process qemu = new ProcessBuilder(QEMU.toString(), "-M", "q35", "-accel", "tcg", "-m", "128", "-nodefaults",
                "-no-reboot", "-display", "none", "-kernel", kernel, "-initrd", archive.toString(),
                "-append", "console=ttyS0 panic=-1", "-serial", "file:" + console)
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try {
            assertThat(qemu.waitFor(120, TimeUnit.SECONDS)).as("the guest powered off").isTrue();
        } finally {
            qemu.destroyForcibly().waitFor();
        }

        assertThat(Files.readString(console, StandardCharsets.ISO_8859_1))
                .contains("booted greeting=from-upper tmp=1777");
    }
}
