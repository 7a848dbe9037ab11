package io.isoscope.engine;

import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state directory is made owner-only, and one that others could tamper with is refused with the fix. */
class StateDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aNewStateDirectoryAndItsPartsAreOwnerOnly() throws IOException {
        Path state = tmp.resolve("a/b/state");

        StateDirectory.prepare(state);

        assertThat(mode(state)).isEqualTo("rwx------");
        for (String part : new String[]{"containers", "images", "cache", "run"}) {
            assertThat(mode(state.resolve(part))).as(part).isEqualTo("rwx------");
        }
    }

    @Test
    void aDirectoryOthersCanWriteIsRefusedWithTheFix() throws IOException {
        Path state = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> StateDirectory.prepare(state)).isInstanceOf(EngineException.class)
                .hasMessage("the state directory " + state + " is writable by other users (mode rwxrwxrwx): make it"
                        + " private with chmod 700 " + state + ", or point ISOSCOPE_HOME at a private directory");
        assertThat(state.resolve("containers")).doesNotExist();
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        Path state = Files.createDirectory(tmp.resolve("theirs"));
        UserPrincipal nobody = state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(state, nobody);

        assertThatThrownBy(() -> StateDirectory.prepare(state))
                .hasMessage("the state directory " + state + " belongs to nobody, not to " + System.getProperty("user.name")
                        + " who runs the engine: use a directory of your own (ISOSCOPE_HOME), or chown it");
    }

    @Test
    void whatEarlierVersionsCreatedIsTightenedAndAPrivateOneKeptAsItIs() throws IOException {
        Path earlier = Files.createDirectory(tmp.resolve("earlier"));
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rwx--x--x"));
        Path readable = Files.createDirectory(tmp.resolve("readable"));
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));

        StateDirectory.prepare(earlier);
        StateDirectory.prepare(readable);

        assertThat(mode(earlier)).isEqualTo("rwx------");
        assertThat(mode(readable)).as("a mode the user chose is theirs; its parts are still private").isEqualTo("rwxr-xr-x");
        assertThat(mode(readable.resolve("containers"))).isEqualTo("rwx------");
    }

    @Test
    void enginesOpeningANewStateDirectoryAtOnceAllSucceed() throws Exception {
        Path state = tmp.resolve("raced");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    StateDirectory.prepare(state);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get(); // throws if any of them failed
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mode(state)).isEqualTo("rwx------");
    }

    @Test
    void aFileIsNotAStateDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThatThrownBy(() -> StateDirectory.prepare(file))
                .hasMessage(file + " is not a directory: point ISOSCOPE_HOME at a directory (or a path that does not exist yet)");
    }

    @Test
    void theDatabaseAndSqlitesFilesBesideItBecomeOwnerOnly() throws IOException {
        Path db = Files.writeString(tmp.resolve("isoscope.db"), "");
        Path wal = Files.writeString(tmp.resolve("isoscope.db-wal"), "");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));

        StateDirectory.restrictDatabase(db);

        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(wal)).isEqualTo("rw-------");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
