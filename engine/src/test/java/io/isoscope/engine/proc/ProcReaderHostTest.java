package io.isoscope.engine.proc;

import com.sun.security.auth.module.UnixSystem;
import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the real /proc of this machine. */
class ProcReaderHostTest {

    private final ProcReader reader = new ProcReader(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));
    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void findsAStartedChildWithItsColumns() throws IOException {
        Instant before = Instant.now();
        child = new ProcessBuilder("sleep", "60").start();

        ProcEntry sleep = Poll.untilPresent("sleep in the scan", Duration.ofSeconds(10), () -> reader.scan().processes()
                .stream().filter(p -> p.pid() == child.pid() && p.name().equals("sleep")).findFirst());

        assertThat(sleep.ppid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(sleep.commandLine()).isEqualTo("sleep 60");
        assertThat(sleep.uid()).isEqualTo(new UnixSystem().getUid());
        assertThat(sleep.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(sleep.threads()).isEqualTo(1);
        // Boot time is known to the second only.
        assertThat(sleep.startTime()).isBetween(before.minusSeconds(2), Instant.now().plusSeconds(1));
        assertThat(sleep.nsPids()).containsExactly(sleep.pid());
    }

    @Test
    void thisJvmShowsThreadsAndMemory() {
        long me = ProcessHandle.current().pid();
        ProcSnapshot snapshot = reader.scan();

        ProcEntry jvm = snapshot.processes().stream().filter(p -> p.pid() == me).findFirst().orElseThrow();

        assertThat(jvm.name()).isEqualTo("java");
        assertThat(jvm.threads()).isGreaterThan(1);
        assertThat(jvm.rssBytes()).isPositive();
        assertThat(jvm.virtualBytes()).isGreaterThan(jvm.rssBytes());
        assertThat(jvm.cpuSeconds()).isPositive();
        assertThat(snapshot.ownPidNamespace()).isPositive().isEqualTo(reader.pidNamespaceOf(me));
        assertThat(jvm.pidNamespace()).isEqualTo(snapshot.ownPidNamespace());
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        child = new ProcessBuilder("true").start();
        long pid = child.pid();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(reader.read(pid)).isEmpty();
        assertThat(reader.pidNamespaceOf(pid)).isZero();
    }

    @Test
    void kernelUnitsMatchGetconf() throws Exception {
        KernelConstants units = KernelConstants.fromLibc();

        assertThat(units.clockTicksPerSecond()).isEqualTo(getconf("CLK_TCK"));
        assertThat(units.pageSize()).isEqualTo(getconf("PAGESIZE"));
    }

    private long getconf(String variable) throws Exception {
        child = new ProcessBuilder("getconf", variable).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(out);
    }
}
