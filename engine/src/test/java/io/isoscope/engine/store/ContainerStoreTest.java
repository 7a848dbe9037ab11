package io.isoscope.engine.store;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite container store on a real database file, including two stores (two processes' view) on one file. */
class ContainerStoreTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456789Z");

    @TempDir
    Path tmp;

    @RegisterExtension
    final OpenedStores stores = new OpenedStores();

    @Test
    void roundTripsEveryFieldOfAFullyFilledContainer() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo full = new ContainerInfo(hexId('a'), "full_one", "busybox:latest", "sha256:" + "0".repeat(64),
                List.of("sh", "-c", "echo \"hi there\" 'single' \\back\\slash; ping -c 1 127.0.0.1", "",
                        "ünïcødé ✓ 漢字 🐳", "tab\tand\nnewline"),
                Isolation.HYPERV, ContainerState.EXITED, -3, 4_000_000_123L, T0, T0.plusSeconds(1),
                T0.plusSeconds(2).plusNanos(1), "killed", true, "runc 1.1.5+ds1", true,
                List.of("PATH=/bin", "PASSWORD=s3cr=t \"quoted\" ✓", "EMPTY="),
                new ResourceLimits(256L << 20, 2 * ResourceLimits.NANOS_PER_CPU, 100));

        store.insert(full);

        assertThat(store.byId(full.id())).contains(full);
        assertThat(store.all()).containsExactly(full);
    }

    @Test
    void roundTripsNullsAsNulls() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo sparse = new ContainerInfo(hexId('b'), "sparse", "busybox:latest", null, List.of("true"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, T0, null, null, null, false, null);

        store.insert(sparse);

        ContainerInfo back = store.byId(sparse.id()).orElseThrow();
        assertThat(back).isEqualTo(sparse);
        // 0 is what JDBC returns for SQL NULL numbers: make sure it was not taken for a value.
        assertThat(back.exitCode()).isNull();
        assertThat(back.hostPid()).isNull();
        assertThat(back.env()).as("not recorded").isNull();
        assertThat(back.limits()).as("not recorded").isNull();
    }

    @Test
    void anEmptyEnvironmentAndNoLimitsAreValuesNotUnknowns() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo bare = new ContainerInfo(hexId('d'), "bare", "busybox:latest", null, List.of("true"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, T0, null, null, null, false, "runc", false,
                List.of(), ResourceLimits.unlimited());

        store.insert(bare);
        store.update(bare.withState(ContainerState.EXITED, 0, null, T0, T0.plusSeconds(1), null));

        ContainerInfo back = store.byId(bare.id()).orElseThrow();
        assertThat(back.env()).isEmpty();
        assertThat(back.limits()).isEqualTo(ResourceLimits.unlimited());
        assertThat(back.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void exitCodeZeroIsAValueNotANull() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo zero = exited(created(hexId('c'), "zero"), 0);

        store.insert(zero);

        assertThat(store.byId(zero.id()).orElseThrow().exitCode()).isEqualTo(0);
    }

    @Test
    void byIdOfAnUnknownIdIsEmpty() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        store.insert(created(hexId('d'), "known"));

        assertThat(store.byId(hexId('e'))).isEmpty();
        assertThat(store.byId(hexId('d').substring(0, 12))).as("byId is exact, not a prefix match").isEmpty();
    }

    @Test
    void allListsNewestFirst() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo old = created(hexId('1'), "old", T0);
        ContainerInfo newest = created(hexId('3'), "newest", T0.plusSeconds(20));
        ContainerInfo middle = created(hexId('2'), "middle", T0.plusSeconds(10));
        store.insert(old);
        store.insert(newest);
        store.insert(middle);

        assertThat(store.all()).containsExactly(newest, middle, old);
    }

    @Test
    void updateReplacesTheStoredFields() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo c = created(hexId('f'), "upd");
        store.insert(c);
        ContainerInfo running = new ContainerInfo(c.id(), "renamed", c.image(), "sha256:abc", List.of("ping", "x"),
                c.isolation(), ContainerState.RUNNING, null, 4242L, c.createdAt(), T0.plusSeconds(5), null, null,
                true, "runc 1.1.5");

        store.update(running);

        assertThat(store.byId(c.id())).contains(running);
        assertThat(store.all()).containsExactly(running);
    }

    @Test
    void updateIfStateOnlyAppliesWhenTheStoredStateIsTheExpectedOne() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo running = running(created(hexId('9'), "cas"));
        store.insert(running);

        assertThat(store.updateIfState(exited(running, 1), ContainerState.CREATED)).isFalse();
        assertThat(store.byId(running.id())).contains(running);

        assertThat(store.updateIfState(exited(running, 2), ContainerState.RUNNING)).isTrue();
        assertThat(store.byId(running.id()).orElseThrow().exitCode()).isEqualTo(2);

        assertThat(store.updateIfState(exited(running, 3), ContainerState.RUNNING)).isFalse();
        assertThat(store.byId(running.id()).orElseThrow().exitCode()).isEqualTo(2);
    }

    @Test
    void twoStoresRacingToRecordTheSameExitOnlyOneWins() throws Exception {
        Path file = tmp.resolve("engine.db");
        ContainerStore gui = stores.open(file);
        ContainerStore cli = stores.open(file);
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            ContainerInfo running = running(created(String.format("%064x", i), "race" + i));
            gui.insert(running);
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Boolean> byGui = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return gui.updateIfState(exited(running, 100), ContainerState.RUNNING);
            });
            Future<Boolean> byCli = stores.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return cli.updateIfState(exited(running, 200), ContainerState.RUNNING);
            });
            boolean guiWon = byGui.get(30, TimeUnit.SECONDS);
            boolean cliWon = byCli.get(30, TimeUnit.SECONDS);

            assertThat(guiWon ^ cliWon).as("round %d: exactly one of gui=%s cli=%s", i, guiWon, cliWon).isTrue();
            ContainerInfo stored = cli.byId(running.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(ContainerState.EXITED);
            assertThat(stored.exitCode()).as("the winner's record is the one stored").isEqualTo(guiWon ? 100 : 200);
        }
    }

    @Test
    void aSecondContainerWithTheSameNameIsAConflict() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo first = created(hexId('a'), "web");
        store.insert(first);

        assertThatThrownBy(() -> store.insert(created(hexId('b'), "web")))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
        assertThat(store.all()).containsExactly(first);
    }

    @Test
    void renamingOntoATakenNameIsAConflict() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo web = created(hexId('a'), "web");
        ContainerInfo db = created(hexId('b'), "db");
        store.insert(web);
        store.insert(db);

        assertThatThrownBy(() -> store.update(new ContainerInfo(db.id(), "web", db.image(), db.imageDigest(),
                db.command(), db.isolation(), db.state(), null, null, db.createdAt(), null, null, null, false, null)))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
        assertThat(store.byId(db.id())).contains(db);
    }

    @Test
    void aDuplicateIdIsAnIoFailureNotANameConflict() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        store.insert(created(hexId('a'), "one"));

        assertThatThrownBy(() -> store.insert(created(hexId('a'), "two")))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IO));
    }

    @Test
    void eventsAreReadBackInAppendOrderPerContainerAndAll() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        String a = hexId('a');
        String b = hexId('b');
        // Same timestamps on purpose: the order must be the order of appending, not of time text.
        EngineEvent a1 = new EngineEvent(T0, EngineEvent.Type.CREATED, a, "alpha", null);
        EngineEvent b1 = new EngineEvent(T0, EngineEvent.Type.CREATED, b, "beta", null);
        EngineEvent a2 = new EngineEvent(T0, EngineEvent.Type.STARTED, a, "alpha", null);
        EngineEvent b2 = new EngineEvent(T0.plusMillis(1), EngineEvent.Type.STARTED, b, "beta", "pid=12");
        EngineEvent a3 = new EngineEvent(T0.plusMillis(2), EngineEvent.Type.DIED, a, "alpha", "exitCode=137");
        EngineEvent a4 = new EngineEvent(T0.plusMillis(2), EngineEvent.Type.KILLED, a, "alpha", "signal=KILL");
        for (EngineEvent e : List.of(a1, b1, a2, b2, a3, a4)) {
            store.append(e);
        }

        assertThat(store.events(a)).containsExactly(a1, a2, a3, a4);
        assertThat(store.events(b)).containsExactly(b1, b2);
        assertThat(store.events(null)).containsExactly(a1, b1, a2, b2, a3, a4);
        assertThat(store.events(hexId('c'))).isEmpty();
    }

    @Test
    void eventsAppendedByAnotherStoreAreSeen() {
        Path file = tmp.resolve("engine.db");
        ContainerStore gui = stores.open(file);
        ContainerStore cli = stores.open(file);
        EngineEvent first = new EngineEvent(T0, EngineEvent.Type.CREATED, hexId('a'), "x", null);
        EngineEvent second = new EngineEvent(T0.plusSeconds(1), EngineEvent.Type.STARTED, hexId('a'), "x", null);

        gui.append(first);
        cli.append(second);

        assertThat(gui.events(null)).containsExactly(first, second);
        assertThat(cli.events(hexId('a'))).containsExactly(first, second);
    }

    @Test
    void deleteRemovesTheContainerButKeepsItsEvents() {
        ContainerStore store = stores.open(tmp.resolve("engine.db"));
        ContainerInfo gone = created(hexId('a'), "gone");
        ContainerInfo kept = created(hexId('b'), "kept");
        store.insert(gone);
        store.insert(kept);
        EngineEvent created = new EngineEvent(T0, EngineEvent.Type.CREATED, gone.id(), "gone", null);
        EngineEvent removed = new EngineEvent(T0.plusSeconds(1), EngineEvent.Type.REMOVED, gone.id(), "gone", null);
        store.append(created);
        store.append(removed);

        store.delete(gone.id());

        assertThat(store.byId(gone.id())).isEmpty();
        assertThat(store.all()).containsExactly(kept);
        assertThat(store.events(gone.id())).containsExactly(created, removed);
        store.insert(created(hexId('c'), "gone"));
        assertThat(store.byId(hexId('c'))).as("the name is free again").isPresent();
    }

    @Test
    void dataSurvivesReopening() {
        Path file = tmp.resolve("engine.db");
        ContainerStore first = stores.open(file);
        ContainerInfo c = created(hexId('a'), "persist");
        first.insert(c);
        first.append(new EngineEvent(T0, EngineEvent.Type.CREATED, c.id(), c.name(), null));
        first.close();

        ContainerStore again = stores.open(file);

        assertThat(again.byId(c.id())).contains(c);
        assertThat(again.events(c.id())).hasSize(1);
    }


    private static ContainerInfo running(ContainerInfo c) {
        return new ContainerInfo(c.id(), c.name(), c.image(), c.imageDigest(), c.command(), c.isolation(),
                ContainerState.RUNNING, null, 4321L, c.createdAt(), c.createdAt().plusSeconds(1), null, null,
                c.autoRemove(), c.runtime());
    }

    private static ContainerInfo exited(ContainerInfo c, int exitCode) {
        return new ContainerInfo(c.id(), c.name(), c.image(), c.imageDigest(), c.command(), c.isolation(),
                ContainerState.EXITED, exitCode, null, c.createdAt(), c.startedAt(), c.createdAt().plusSeconds(9),
                null, c.autoRemove(), c.runtime());
    }

    private static String hexId(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private static ContainerInfo created(String id, String name) {
        return created(id, name, T0);
    }

    private static ContainerInfo created(String id, String name, Instant at) {
        return new ContainerInfo(id, name, "busybox:latest", "sha256:" + "1".repeat(64), List.of("sleep", "5"),
                Isolation.PROCESS, ContainerState.CREATED, null, null, at, null, null, null, false, "runc 1.1.5");
    }
}
