package io.isoscope.engine.proc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.isoscope.engine.proc.FakeProcTree.BOOT_EPOCH_SECOND;
import static io.isoscope.engine.proc.FakeProcTree.bytes;
import static io.isoscope.engine.proc.FakeProcTree.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProcReaderTest {

    private static final long HOST_NS = 4026531836L;
    private static final long CONTAINER_NS = 4026532999L;
    private static final KernelConstants UNITS = new KernelConstants(100, 4096);

    @TempDir
    Path temp;

    private FakeProcTree tree;
    private ProcReader reader;

    @BeforeEach
    void setUp() throws IOException {
        tree = new FakeProcTree(Files.createDirectory(temp.resolve("proc")), HOST_NS);
        Path passwd = Files.writeString(temp.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        reader = new ProcReader(tree.root(), new UserNames(passwd), UNITS);
    }

    @Test
    void readsEveryColumnFromStatAndCmdline() throws IOException {
        tree.process(42, stat(42, "we ird) (na me", 7, 40, 150, 50, 3, 250, 123_456_789, 10),
                bytes("python3\0-c\0print('a b')\0"), HOST_NS);

        ProcEntry entry = reader.read(42).orElseThrow();

        assertThat(entry.pid()).isEqualTo(42);
        assertThat(entry.name()).isEqualTo("we ird) (na me");
        assertThat(entry.ppid()).isEqualTo(7);
        assertThat(entry.sessionId()).isEqualTo(40);
        assertThat(entry.cpuSeconds()).isEqualTo(2.0);
        assertThat(entry.threads()).isEqualTo(3);
        assertThat(entry.startTime()).isEqualTo(Instant.ofEpochSecond(BOOT_EPOCH_SECOND).plusMillis(2500));
        assertThat(entry.virtualBytes()).isEqualTo(123_456_789);
        assertThat(entry.rssBytes()).isEqualTo(10 * 4096);
        assertThat(entry.commandLine()).isEqualTo("python3 -c print('a b')");
        assertThat(entry.pidNamespace()).isEqualTo(HOST_NS);
        assertThat(entry.nsPids()).containsExactly(42L);
    }

    @Test
    void kernelThreadWithoutArgumentsShowsItsNameInBrackets() throws IOException {
        tree.process(2, stat(2, "kthreadd", 0, 0, 0, 3, 1, 1, 0, 0), new byte[0], HOST_NS);

        ProcEntry entry = reader.read(2).orElseThrow();

        assertThat(entry.commandLine()).isEqualTo("[kthreadd]");
        assertThat(entry.rssBytes()).isZero();
    }

    @Test
    void processInAnotherPidNamespaceGetsItsNsPidsFromStatus() throws IOException {
        tree.process(4242, stat(4242, "ping", 4240, 4242, 1, 1, 1, 100, 2048, 1), bytes("ping\0localhost\0"),
                CONTAINER_NS);
        tree.status(4242, "NSpid:\t4242\t1");
        tree.process(4240, stat(4240, "runc", 1, 4240, 1, 1, 5, 90, 4096, 3), bytes("runc\0run\0"), HOST_NS);
        // Were status read for a process of the reader's own namespace, this line would leak into the entry.
        tree.status(4240, "NSpid:\t4240\t99");

        ProcSnapshot snapshot = reader.scan();

        assertThat(snapshot.ownPidNamespace()).isEqualTo(HOST_NS);
        ProcEntry ping = snapshot.inPidNamespace(CONTAINER_NS).get(0);
        assertThat(ping.pid()).isEqualTo(4242);
        assertThat(ping.nsPids()).containsExactly(4242L, 1L);
        assertThat(ping.innermostPid()).isEqualTo(1);
        assertThat(snapshot.inPidNamespace(HOST_NS)).singleElement()
                .satisfies(runc -> assertThat(runc.nsPids()).containsExactly(4240L));
    }

    @Test
    void scanSkipsVanishedAndGarbledProcessesAndNonPidEntries() throws IOException {
        tree.process(300, stat(300, "ok", 1, 300, 0, 0, 1, 0, 0, 0), bytes("ok\0"), HOST_NS);
        Files.createDirectory(tree.root().resolve("301"));
        tree.process(302, "this is not a stat line\n", bytes("x\0"), HOST_NS);
        tree.process(303, "303 (short) S 1 2 3\n", bytes("x\0"), HOST_NS);
        tree.process(304, stat(304, "nan", 1, 304, 0, 0, 1, 0, 0, 0).replace(" 20 0 ", " 2x 0 "), bytes("x\0"),
                HOST_NS);
        tree.process(305, stat(305, "nocmdline", 1, 305, 0, 0, 1, 0, 0, 0), new byte[0], HOST_NS);
        Files.delete(tree.root().resolve("305/cmdline"));

        assertThat(reader.scan().processes()).extracting(ProcEntry::pid).containsExactly(300L);
        assertThat(reader.read(301)).isEmpty();
        assertThat(reader.read(302)).isEmpty();
        assertThat(reader.read(999)).isEmpty();
    }

    @Test
    void scanOrdersByPid() throws IOException {
        for (long pid : List.of(100L, 20L, 3L)) {
            tree.process(pid, stat(pid, "p" + pid, 1, pid, 0, 0, 1, 0, 0, 0), bytes("p\0"), HOST_NS);
        }

        assertThat(reader.scan().processes()).extracting(ProcEntry::pid).containsExactly(3L, 20L, 100L);
    }

    @Test
    void userIsTheNameOfTheDirectoryOwnerOrTheUidWhenUnknown() throws IOException {
        assumeThat(System.getProperty("user.name")).as("chown needs root").isEqualTo("root");
        Path alices = tree.process(500, stat(500, "sh", 1, 500, 0, 0, 1, 0, 0, 0), bytes("sh\0"), HOST_NS);
        Path nobodys = tree.process(501, stat(501, "sh", 1, 501, 0, 0, 1, 0, 0, 0), bytes("sh\0"), HOST_NS);
        Files.setAttribute(alices, "unix:uid", 1000);
        Files.setAttribute(nobodys, "unix:uid", 4321);

        List<ProcEntry> processes = reader.scan().processes();

        assertThat(processes).extracting(ProcEntry::uid).containsExactly(1000, 4321);
        assertThat(processes).extracting(ProcEntry::user).containsExactly("alice", "4321");
    }

    @Test
    void concurrentScansSeeTheSameTable() throws Exception {
        for (long pid = 1; pid <= 40; pid++) {
            tree.process(pid, stat(pid, "p " + pid, 1, pid, pid, 0, 1, pid, pid * 4096, pid),
                    bytes("prog\0--n=" + pid + "\0"), pid % 2 == 0 ? HOST_NS : CONTAINER_NS);
            tree.status(pid, "NSpid:\t" + pid + "\t" + (100 + pid));
        }
        List<ProcEntry> expected = reader.scan().processes();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ProcEntry>>> scans = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                scans.add(pool.submit(() -> reader.scan().processes()));
            }
            for (Future<List<ProcEntry>> scan : scans) {
                assertThat(scan.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSize(40);
    }

    @Test
    void pidNamespaceOfReadsTheInodeOrZero() throws IOException {
        tree.process(7, stat(7, "a", 1, 7, 0, 0, 1, 0, 0, 0), bytes("a\0"), 123);
        Path odd = Files.createDirectories(tree.root().resolve("8/ns"));
        Files.createSymbolicLink(odd.resolve("pid"), Path.of("net:[5]"));

        assertThat(reader.pidNamespaceOf(7)).isEqualTo(123);
        assertThat(reader.pidNamespaceOf(8)).isZero();
        assertThat(reader.pidNamespaceOf(9)).isZero();
    }

    @Test
    void refusesATreeWithoutBootTime() throws IOException {
        Path bare = Files.createDirectory(temp.resolve("bare"));
        Files.writeString(bare.resolve("stat"), "cpu 1 2 3\n");

        assertThatThrownBy(() -> new ProcReader(bare, new UserNames(temp.resolve("none")), UNITS))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("btime");
    }
}
