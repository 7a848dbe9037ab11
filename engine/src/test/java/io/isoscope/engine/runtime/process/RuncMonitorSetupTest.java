package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;
import io.isoscope.engine.runtime.Checkpoints;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the monitor, saying what is missing, socket paths, and how exec failures are reported. */
class RuncMonitorSetupTest {

    @TempDir
    Path tmp;

    @Test
    void theMonitorIsInTheGuestDirectoryUnlessTheEnvironmentNamesOne() {
        Path guest = Path.of("/var/cache/isoscope/guest");

        assertThat(MonitorBinary.locate(Map.of(), guest)).isEqualTo(new MonitorBinary(guest.resolve("isoscope-shim"), false));
        assertThat(MonitorBinary.locate(Map.of("ISOSCOPE_SHIM", "/opt/shim"), guest))
                .isEqualTo(new MonitorBinary(Path.of("/opt/shim"), true));
        assertThat(MonitorBinary.locate(Map.of("ISOSCOPE_SHIM", " "), guest).configured()).isFalse();
    }

    @Test
    void aMissingMonitorMakesProcessIsolationUnavailableWithTheFix() throws IOException {
        Path runc = fakeRunc();
        RuncIsolation built = isolation(runc, new MonitorBinary(tmp.resolve("isoscope-shim"), false));
        RuncIsolation configured = isolation(runc, new MonitorBinary(tmp.resolve("elsewhere"), true));

        RuntimeReadiness r = built.readiness();
        RuntimeReadiness c = configured.readiness();

        assertThat(r.isolation()).isEqualTo(Isolation.PROCESS);
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("the container monitor " + tmp.resolve("isoscope-shim") + " is missing");
        assertThat(r.fix()).contains("installer/build-shim.sh " + tmp.resolve("isoscope-shim"));
        assertThat(c.reason()).contains("$ISOSCOPE_SHIM").contains("missing");
        assertThat(c.fix()).contains("unset ISOSCOPE_SHIM");
        assertThatThrownBy(() -> built.exec(tmp, "0123456789abcdef", List.of("sh"), false))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.RUNTIME_UNAVAILABLE));
    }

    @Test
    void aMonitorThatIsNotExecutableIsSaidSo() throws IOException {
        Path shim = Files.writeString(tmp.resolve("isoscope-shim"), "not a program");

        RuntimeReadiness r = isolation(fakeRunc(), new MonitorBinary(shim, false)).readiness();

        assertThat(r.available()).isFalse();
        assertThat(r.reason()).endsWith("is not executable");
    }

    @Test
    void socketsLiveInAShortDirectoryAndTooLongPathsAreRefusedClearly() {
        SocketDir dir = SocketDir.of(Path.of("/var/lib/isoscope/run"), "0123456789abcdef".repeat(4));

        assertThat(dir.attach()).isEqualTo(Path.of("/var/lib/isoscope/run/0123456789ab/attach.sock"));
        assertThat(dir.exec("cafe0001")).isEqualTo(Path.of("/var/lib/isoscope/run/0123456789ab/exec-cafe0001.sock"));
        SocketDir.checkLength(dir.attach());
        Path deep = Path.of("/" + "d".repeat(100), "run", "0123456789ab", "attach.sock");
        assertThatThrownBy(() -> SocketDir.checkLength(deep))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.getMessage())
                        .contains("at most 107").contains("ISOSCOPE_HOME"));
    }

    @Test
    void execFailuresReadAsDockersAndKeepRuncsWords() {
        EngineException missing = RuncConsoles.execFailure("exec failed: unable to start container process: exec: "
                + "\"nosuch\": executable file not found in $PATH", null);
        EngineException noFile = RuncConsoles.execFailure("exec failed: unable to start container process: exec: "
                + "\"/x\": stat /x: no such file or directory", null);
        EngineException denied = RuncConsoles.execFailure("exec failed: unable to start container process: exec: "
                + "\"/etc\": permission denied", null);
        EngineException other = RuncConsoles.execFailure("cannot exec in a stopped container", null);

        assertThat(missing.kind()).isEqualTo(EngineException.Kind.COMMAND_NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("exec: \"nosuch\": executable file not found in $PATH");
        assertThat(noFile.kind()).isEqualTo(EngineException.Kind.COMMAND_NOT_FOUND);
        assertThat(denied.kind()).isEqualTo(EngineException.Kind.RUNTIME_FAILED);
        assertThat(denied.getMessage()).isEqualTo("exec: \"/etc\": permission denied");
        assertThat(other.getMessage()).isEqualTo("runc exec failed: cannot exec in a stopped container");
    }

    private RuncIsolation isolation(Path runc, MonitorBinary shim) {
        return new RuncIsolation(runc, "", shim, tmp.resolve("run"), new Syscalls(LibC.load()), new ObjectMapper(),
                Checkpoints.NONE);
    }

    /** A stand-in runc that only answers --version: readiness asks nothing else. */
    private Path fakeRunc() throws IOException {
        Path runc = tmp.resolve("runc");
        Files.writeString(runc, "#!/bin/sh\necho 'runc version 9.9.9'\n");
        runc.toFile().setExecutable(true);
        return runc;
    }
}
