package io.isoscope.engine.proc;

import io.isoscope.engine.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A process in a PID namespace of its own, as a container's first process is, seen from the host. */
class ProcReaderPidNamespaceTest {

    private final ProcReader reader = new ProcReader(Path.of("/proc"), new UserNames(Path.of("/etc/passwd")));
    private Process unshare;

    @AfterEach
    void killEverythingStarted() throws Exception {
        if (unshare == null) {
            return;
        }
        // The namespace's PID 1 first: its death ends the namespace; then unshare itself.
        unshare.descendants().forEach(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        assertThat(unshare.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void processInANewPidNamespaceHasItsHostAndInnerPid() {
        assumeThat(System.getProperty("user.name")).as("unshare --pid needs root").isEqualTo("root");
        assumeThat(Files.isExecutable(Path.of("/usr/bin/unshare"))).as("util-linux unshare").isTrue();
        startUnshare();

        ProcSnapshot snapshot = Poll.untilPresent("sleep in its own PID namespace", Duration.ofSeconds(10), () -> {
            failIfUnshareDied();
            ProcSnapshot s = reader.scan();
            boolean found = s.processes().stream().anyMatch(p -> p.ppid() == unshare.pid()
                    && p.name().equals("sleep") && p.pidNamespace() != s.ownPidNamespace());
            return found ? Optional.of(s) : Optional.empty();
        });

        ProcEntry sleep = snapshot.processes().stream().filter(p -> p.ppid() == unshare.pid()).findFirst()
                .orElseThrow();
        assertThat(sleep.nsPids()).containsExactly(sleep.pid(), 1L);
        assertThat(sleep.innermostPid()).isEqualTo(1);
        assertThat(sleep.pidNamespace()).isPositive().isEqualTo(reader.pidNamespaceOf(sleep.pid()));
        assertThat(snapshot.inPidNamespace(sleep.pidNamespace())).containsExactly(sleep);
        ProcEntry parent = snapshot.processes().stream().filter(p -> p.pid() == unshare.pid()).findFirst()
                .orElseThrow();
        assertThat(parent.nsPids()).containsExactly(unshare.pid());
        assertThat(reader.read(sleep.pid())).get().extracting(ProcEntry::nsPids).isEqualTo(sleep.nsPids());
    }

    private void startUnshare() {
        try {
            unshare = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "sleep", "60")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start unshare", e);
        }
    }

    private void failIfUnshareDied() {
        if (!unshare.isAlive()) {
            try {
                throw new AssertionError("unshare exited with " + unshare.exitValue() + ": "
                        + new String(unshare.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError("unshare exited with " + unshare.exitValue(), e);
            }
        }
    }
}
