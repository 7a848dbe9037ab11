package io.isoscope.engine.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerLocksTest {

    private static final String ID = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aHoldIsReentrantOnItsThreadAndExclusiveAgainstOthers() throws Exception {
        ContainerLocks locks = new ContainerLocks(dir);
        try (ContainerLocks.Held outer = locks.hold(ID)) {
            try (ContainerLocks.Held inner = locks.hold(ID)) {
                assertThat(otherThreadTries(locks, ID)).as("held twice").isFalse();
            }
            assertThat(otherThreadTries(locks, ID)).as("the inner release keeps the outer hold").isFalse();
            assertThat(otherThreadTries(locks, "b".repeat(64))).as("other containers are free").isTrue();
        }
        assertThat(otherThreadTries(locks, ID)).as("released").isTrue();
    }

    @Test
    void aLockHeldByAnotherProcessIsSeenAndFreedWhenItDies() throws Exception {
        ContainerLocks locks = new ContainerLocks(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                dir.toString(), ID).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("HELD");
            assertThat(locks.tryHold(ID)).as("held by the other process").isEmpty();
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Optional<ContainerLocks.Held> mine = locks.tryHold(ID);
        assertThat(mine).as("the OS dropped the dead holder's lock").isPresent();
        mine.get().close();
    }

    private static boolean otherThreadTries(ContainerLocks locks, String id) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            Optional<ContainerLocks.Held> h = locks.tryHold(id);
            h.ifPresent(ContainerLocks.Held::close);
            return h.isPresent();
        }).get(10, TimeUnit.SECONDS);
    }

    /** A process that holds one container's lock until killed. */
    public static final class Holder {
        private Holder() {
        }

        /** Holds the lock of container {@code args[1]} in lock dir {@code args[0]}, says HELD, waits. */
        public static void main(String[] args) {
            new ContainerLocks(Path.of(args[0])).hold(args[1]);
            System.out.println("HELD");
            System.out.flush();
            while (true) {
                LockSupport.park();
            }
        }
    }
}
