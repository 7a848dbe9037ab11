package io.isoscope.engine;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;

/**
 * Makes the engine's state directory and its top-level parts owner-only, and refuses one that others could tamper
 * with: the engine runs as root and follows what it finds there (runc state, mounts, the database).
 *
 * <p>Mode 0700 works for process isolation: runc runs in the host's user namespace as root, the engine mounts each
 * container's overlay itself, and runc pivots into it as root, so no path above a container's root filesystem is
 * ever traversed with the container's credentials (overlayfs checks the lower layers with the mounter's). Earlier
 * versions created it 0711 in case a container's root in a user namespace had to traverse it to reach the layers;
 * a rootless or user-namespaced mode would have to revisit this. Stateless, thread-safe.
 */
final class StateDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** What earlier versions created the state directory with; such a directory is tightened, not refused. */
    private static final Set<PosixFilePermission> EARLIER_DEFAULT = PosixFilePermissions.fromString("rwx--x--x");
    /** The engine's own parts; created here so that no later {@code createDirectories} gives them the umask's mode. */
    private static final List<String> PARTS = List.of("containers", "images", "cache", "run");

    private StateDirectory() {
    }

    /** Creates {@code state} and its parts owner-only, or checks an existing one; throws {@link EngineException}. */
    static void prepare(Path state) {
        try {
            if (!Files.exists(state, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(state.toAbsolutePath().getParent());
                if (!createdOwnerOnly(state)) {
                    checkExisting(state); // another engine (a second CLI call) made it just now
                }
            } else {
                checkExisting(state);
            }
            for (String part : PARTS) {
                createdOwnerOnly(state.resolve(part));
            }
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot create the state directory " + state + ": "
                    + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} owner-only; false if it exists already (made by another process, or earlier). */
    private static boolean createdOwnerOnly(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, OWNER_ONLY_DIR);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Makes the database and SQLite's files beside it owner-only (they hold every container's command line). */
    static void restrictDatabase(Path db) {
        for (Path f : List.of(db, db.resolveSibling(db.getFileName() + "-wal"), db.resolveSibling(db.getFileName() + "-shm"))) {
            try {
                // SQLite creates the -wal and -shm files with the database's mode, so they follow it from now on.
                Files.setPosixFilePermissions(f, OWNER_ONLY_FILE);
            } catch (NoSuchFileException absent) {
                // not created yet
            } catch (IOException e) {
                throw new EngineException(EngineException.Kind.IO, "cannot make " + f + " private: " + e.getMessage(), e);
            }
        }
    }

    private static void checkExisting(Path state) throws IOException {
        PosixFileAttributes a = Files.readAttributes(state, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            state = state.toRealPath();
            a = Files.readAttributes(state, PosixFileAttributes.class);
        }
        if (!a.isDirectory()) {
            throw refused(state + " is not a directory: point ISOSCOPE_HOME at a directory (or a path that does not exist yet)");
        }
        UserPrincipal me;
        try {
            me = state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (UserPrincipalNotFoundException noPasswdEntry) {
            me = a.owner(); // a uid without a name cannot be compared by name; the mode check still holds
        }
        if (!a.owner().equals(me)) {
            throw refused("the state directory " + state + " belongs to " + a.owner().getName() + ", not to "
                    + me.getName() + " who runs the engine: use a directory of your own (ISOSCOPE_HOME), or chown it");
        }
        Set<PosixFilePermission> perms = a.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw refused("the state directory " + state + " is writable by other users (mode "
                    + PosixFilePermissions.toString(perms) + "): make it private with chmod 700 " + state
                    + ", or point ISOSCOPE_HOME at a private directory");
        }
        if (perms.equals(EARLIER_DEFAULT)) {
            Files.setPosixFilePermissions(state, OWNER_ONLY);
        }
    }

    private static EngineException refused(String message) {
        return new EngineException(EngineException.Kind.IO, message);
    }
}
