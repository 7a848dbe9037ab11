package io.isoscope.engine;

import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("fault-injection")
class InstanceLockTest {

    @TempDir
    Path state;

    @Test
    void aSecondInstanceInThisProcessIsToldWhoHoldsTheState() {
        try (InstanceLock first = InstanceLock.acquire(state)) {
            assertThatThrownBy(() -> InstanceLock.acquire(state))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT);
                        assertThat(e.getMessage()).startsWith("Isoscope is already running on " + state)
                                .contains("PID " + ProcessHandle.current().pid()).contains("ISOSCOPE_HOME");
                    });
        }
        InstanceLock.acquire(state).close(); // released: free again
    }

    @Test
    void anotherProcessHoldingItIsNamedAndItsDeathFreesTheLock() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                state.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("HELD");
            assertThatThrownBy(() -> InstanceLock.acquire(state)).hasMessageContaining("PID " + holder.pid());
        } finally {
            holder.destroyForcibly(); // SIGKILL: the OS must drop the lock, nobody unlocks it
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        InstanceLock.acquire(state).close();
    }

    /** A process that takes the lock and keeps it until killed. */
    public static final class Holder {
        private Holder() {
        }

        /** Takes the lock on {@code args[0]}, says HELD, waits to be killed. */
        public static void main(String[] args) {
            InstanceLock.acquire(Path.of(args[0]));
            System.out.println("HELD");
            System.out.flush();
            while (true) {
                LockSupport.park();
            }
        }
    }
}
