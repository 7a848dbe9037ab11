package io.isoscope.engine.runtime.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.runtime.vm.initramfs.InitramfsBuilder;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** What the VM runtime says when the QEMU it was configured with is missing, and that it sees QEMU appear. */
class QemuReadinessTest {

    @TempDir
    Path tmp;

    private QemuIsolation vm(QemuHost host) {
        return new QemuIsolation(host, tmp.resolve("vmlinuz"), tmp.resolve("agent"), tmp.resolve("run"),
                new InitramfsBuilder(tmp.resolve("cache")), VmSize.defaults(), new Syscalls(LibC.load()),
                new ObjectMapper(), Checkpoints.NONE);
    }

    @Test
    void aConfiguredQemuThatDoesNotExistIsNamedWithTheFix() {
        Path missing = tmp.resolve("no-such-qemu");

        RuntimeReadiness r = vm(new QemuHost(missing)).readiness();

        assertThat(r.isolation()).isEqualTo(Isolation.HYPERV);
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("the configured QEMU (" + missing + ") does not exist");
        assertThat(r.fix()).contains("ISOSCOPE_QEMU");
    }

    @Test
    void aQemuInstalledAfterTheFirstCheckIsFoundByTheNext() throws Exception {
        Path later = tmp.resolve("qemu-system-x86_64");
        QemuHost host = new QemuHost(later);
        assertThat(host.binary()).isEmpty();

        // A stand-in that answers --version as QEMU does.
        Files.writeString(later, "#!/bin/sh\necho 'QEMU emulator version 9.9.9 (test)'\n");
        Files.setPosixFilePermissions(later, PosixFilePermissions.fromString("rwx------"));

        assertThat(host.binary()).contains(later);
        RuntimeReadiness r = vm(host).readiness();
        assertThat(r.runtime()).startsWith("qemu 9.9.9, ").endsWith("(" + later + ")");
        assertThat(r.reason()).contains("guest kernel");
        assertThat(r.fix()).isEqualTo("installer/fetch-guest-kernel.sh");
    }
}
