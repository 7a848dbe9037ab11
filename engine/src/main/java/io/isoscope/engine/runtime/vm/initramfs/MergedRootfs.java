package io.isoscope.engine.runtime.vm.initramfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The root file system an image's layers make when overlayfs stacks them, as a map from relative path
 * ({@code bin/sh}) to entry, in archive order: sorted by path with {@code /} before
 * every other character, so a directory comes right before what it holds and the order never depends on the host.
 * Merging is overlayfs's: the topmost layer that has a path wins, and a directory merges with the same directory in
 * the layers below it only down to the first layer that has something else there, whose contents (and the contents
 * of everything it hides) stay hidden. Symbolic links are read as links, never followed. The root itself is no
 * entry: the kernel's rootfs already has one, and an entry would give it the mode of a host directory. Names must be
 * valid in the JVM's file name encoding ({@code sun.jnu.encoding}). Not thread-safe.
 */
final class MergedRootfs {

    private static final int S_IFMT = 0170000;

    private static final Comparator<String> ARCHIVE_ORDER = (a, b) -> {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    private final NavigableMap<String, RootfsEntry> entries = new TreeMap<>(ARCHIVE_ORDER);

    private MergedRootfs() {
    }

    /** The merge of {@code layerDirs}, topmost first (overlayfs's {@code lowerdir} order). */
    static MergedRootfs of(List<Path> layerDirs) throws IOException {
        MergedRootfs rootfs = new MergedRootfs();
        rootfs.mergeDirectory("", List.copyOf(layerDirs));
        return rootfs;
    }

    /** Puts {@code entry} at {@code path}, replacing what was there; a non-directory also drops what was beneath. */
    void replace(String path, RootfsEntry entry) {
        if (!(entry instanceof RootfsEntry.Directory)) {
            // In archive order what is beneath a path comes right after it, so the loop stops at the first other.
            Iterator<String> after = entries.tailMap(path, false).keySet().iterator();
            while (after.hasNext() && after.next().startsWith(path + "/")) {
                after.remove();
            }
        }
        entries.put(path, entry);
    }

    /** Puts {@code entry} at {@code path} unless the image already has something there. */
    void addIfAbsent(String path, RootfsEntry entry) {
        entries.putIfAbsent(path, entry);
    }

    /** Every entry in archive order; a live, unmodifiable view. */
    Map<String, RootfsEntry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** Adds what is beneath {@code path}, whose merged directory is made of {@code dirs} (host dirs, topmost first). */
    private void mergeDirectory(String path, List<Path> dirs) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    names.add(child.getFileName().toString());
                }
            }
        }
        for (String name : names) {
            String childPath = path.isEmpty() ? name : path + "/" + name;
            int winner = topmostHolding(dirs, name, childPath);
            RootfsEntry entry = entryAt(dirs.get(winner).resolve(name));
            if (entry == null) {
                continue; // a device node, FIFO or socket: not wanted in the guest (devtmpfs provides /dev)
            }
            entries.put(childPath, entry);
            if (entry instanceof RootfsEntry.Directory) {
                Path top = dirs.get(winner).resolve(name);
                mergeDirectory(childPath, mergedDirs(top, dirs.subList(winner + 1, dirs.size()), name));
            }
        }
    }

    private static int topmostHolding(List<Path> dirs, String name, String path) throws IOException {
        for (int i = 0; i < dirs.size(); i++) {
            if (Files.exists(dirs.get(i).resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return i;
            }
        }
        // Listed, yet not found again by its name as a Java string: the name's bytes are not valid in the JVM's file
        // name encoding, which decoded them lossily, so the entry can be neither read nor named in the archive.
        throw new IOException("cannot put /" + path + " (as Java decodes its name) into the initramfs: its name is"
                + " not valid " + System.getProperty("sun.jnu.encoding") + ", the encoding this JVM uses for file"
                + " names");
    }

    // The winning directory plus the same directory in each lower layer until one has anything else at that name.
    private static List<Path> mergedDirs(Path top, List<Path> lowerParents, String name) throws IOException {
        List<Path> merged = new ArrayList<>(List.of(top));
        for (Path parent : lowerParents) {
            Path lower = parent.resolve(name);
            if (Files.isDirectory(lower, LinkOption.NOFOLLOW_LINKS)) {
                merged.add(lower);
            } else if (Files.exists(lower, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
        }
        return merged;
    }

    /** The entry for the existing host file {@code file}; null for a type the guest does not get. */
    private static RootfsEntry entryAt(Path file) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        int uid = (Integer) attrs.get("uid");
        int gid = (Integer) attrs.get("gid");
        int permissions = mode & CpioWriter.PERMISSION_BITS;
        return switch (mode & S_IFMT) {
            case CpioWriter.S_IFDIR -> new RootfsEntry.Directory(permissions, uid, gid);
            case CpioWriter.S_IFREG -> new RootfsEntry.HostFile(file, permissions, uid, gid, (Long) attrs.get("size"));
            case CpioWriter.S_IFLNK -> new RootfsEntry.Symlink(file, uid, gid);
            default -> null;
        };
    }
}
