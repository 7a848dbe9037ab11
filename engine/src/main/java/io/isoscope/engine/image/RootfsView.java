package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An image's root file system seen through its unpacked layers the way overlayfs merges them, without mounting:
 * path lookup as the kernel would do it inside the container. Symbolic links are followed inside the rootfs only
 * (an absolute target starts again at the rootfs root, {@code ..} stops at it), and no host symbolic link is ever
 * traversed. Immutable, thread-safe.
 */
final class RootfsView {

    // Linux's own limit on symbolic links followed in one lookup (ELOOP beyond it).
    private static final int MAX_SYMLINKS = 40;
    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final List<Path> layers;

    /** A view of {@code layers}, topmost first. */
    RootfsView(List<Path> layers) {
        this.layers = List.copyOf(layers);
    }

    /**
     * What {@code execvp(command)} would run inside the image, started in {@code workingDir} with {@code PATH} =
     * {@code path}: the in-image absolute path of a regular executable file, or empty.
     */
    Optional<String> findExecutable(String command, String path, String workingDir) {
        if (command == null || command.isEmpty()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            return executableAt(command.startsWith("/") ? command : workingDir + "/" + command);
        }
        // execvp: an empty PATH element means the current directory.
        for (String dir : path.split(":", -1)) {
            String base = dir.isEmpty() ? workingDir : dir.startsWith("/") ? dir : workingDir + "/" + dir;
            Optional<String> found = executableAt(base + "/" + command);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    // Returns the path as the container would name it: its directory resolved, its last component kept (busybox
    // dispatches on the name it was run by, so /bin/sh must stay /bin/sh rather than become /bin/busybox).
    private Optional<String> executableAt(String absolute) {
        int slash = absolute.lastIndexOf('/');
        String name = absolute.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        try {
            Optional<List<String>> dir = resolve(new ArrayList<>(), absolute.substring(0, slash));
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            List<String> candidate = new ArrayList<>(dir.get());
            candidate.add(name);
            Optional<Path> file = resolve(new ArrayList<>(), "/" + String.join("/", candidate)).flatMap(this::entry);
            if (file.isEmpty() || !isExecutableFile(file.get())) {
                return Optional.empty();
            }
            return Optional.of("/" + String.join("/", candidate));
        } catch (IOException | InvalidPathException e) {
            // Unreadable or unrepresentable (a NUL in the name): the kernel could not run it either.
            return Optional.empty();
        }
    }

    /**
     * Resolves {@code path} (relative to {@code current}, or to the root when absolute) to the components of an
     * existing entry with no symbolic link left in it; empty when some part does not exist or links loop.
     */
    private Optional<List<String>> resolve(List<String> current, String path) throws IOException {
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        if (path.startsWith("/")) {
            current.clear();
        }
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            List<String> next = new ArrayList<>(current);
            next.add(part);
            Optional<Path> found = entry(next);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(found.get())) {
                if (++links > MAX_SYMLINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(found.get()).toString();
                if (target.startsWith("/")) {
                    current.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
                continue;
            }
            current = next;
        }
        return Optional.of(current);
    }

    /**
     * The host file of the merged entry at {@code parts} (which hold no symbolic link), merging as overlayfs does:
     * a directory merges with the same directory in the layers below until a layer has a non-directory there,
     * which ends the merge for everything beneath it. So the topmost layer that has the entry with real
     * directories above it wins, and a link or file in a parent position (host links included) is never walked.
     */
    private Optional<Path> entry(List<String> parts) {
        if (parts.isEmpty()) {
            return layers.isEmpty() ? Optional.empty() : Optional.of(layers.get(0));
        }
        for (Path layer : layers) {
            Path path = layer;
            boolean absent = false;
            for (int i = 0; i < parts.size() - 1 && !absent; i++) {
                path = path.resolve(parts.get(i));
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    absent = true;
                } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
            }
            if (!absent) {
                Path file = path.resolve(parts.get(parts.size() - 1));
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path file) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attrs.isRegularFile() && attrs.permissions().stream().anyMatch(EXECUTE::contains);
    }
}
