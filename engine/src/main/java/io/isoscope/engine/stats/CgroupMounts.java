package io.isoscope.engine.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the cgroup hierarchies are mounted, from {@code /proc/self/mountinfo}: each cgroup-v1 mount with its
 * controllers, and the cgroup2 mount. Resolves a path from {@code /proc/PID/cgroup} to its directory. Immutable,
 * thread-safe.
 */
final class CgroupMounts {

    /**
     * One cgroup mount.
     *
     * @param mountPoint  where it is mounted, e.g. {@code /sys/fs/cgroup/memory}
     * @param root        which cgroup of the hierarchy is mounted there ({@code /} unless bind-mounted or namespaced)
     * @param controllers the v1 controllers it carries (empty for cgroup2)
     * @param v2          whether it is the unified (cgroup2) hierarchy
     */
    record Mount(Path mountPoint, String root, Set<String> controllers, boolean v2) {
    }

    private final List<Mount> mounts;

    private CgroupMounts(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    /**
     * Parses mountinfo's text. A line is {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE
     * SOURCE SUPEROPTIONS}; for a v1 cgroup the super options name its controllers ({@code rw,memory}).
     * Lines of other file systems, and ones not of that form, are skipped.
     */
    static CgroupMounts parse(String mountinfo) {
        List<Mount> found = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || f.length < dash + 4) {
                continue;
            }
            String type = f[dash + 1];
            Path mountPoint = Path.of(unescape(f[4]));
            String root = unescape(f[3]);
            if (type.equals("cgroup2")) {
                found.add(new Mount(mountPoint, root, Set.of(), true));
            } else if (type.equals("cgroup")) {
                Set<String> controllers = Arrays.stream(f[dash + 3].split(","))
                        .filter(o -> !o.isEmpty() && !o.equals("rw") && !o.equals("ro") && !o.contains("="))
                        .collect(Collectors.toUnmodifiableSet());
                found.add(new Mount(mountPoint, root, controllers, false));
            }
        }
        return new CgroupMounts(found);
    }

    /** Whether a v1 hierarchy with {@code controller} is mounted (then v1 holds its counters, not v2). */
    boolean hasV1(String controller) {
        return mounts.stream().anyMatch(m -> !m.v2() && m.controllers().contains(controller));
    }

    /** The directory of cgroup {@code path} in the v1 hierarchy of {@code controller}. */
    Optional<Path> v1Dir(String controller, String path) {
        return mounts.stream().filter(m -> !m.v2() && m.controllers().contains(controller))
                .map(m -> under(m, path)).flatMap(Optional::stream).findFirst();
    }

    /** The directory of cgroup {@code path} in the unified hierarchy. */
    Optional<Path> v2Dir(String path) {
        return mounts.stream().filter(Mount::v2).map(m -> under(m, path)).flatMap(Optional::stream).findFirst();
    }

    /** {@code path} below the mount, which shows the hierarchy from its root on; empty if the mount cannot see it. */
    private static Optional<Path> under(Mount m, String path) {
        String root = m.root().equals("/") ? "" : m.root();
        if (!root.isEmpty() && !(path.equals(root) || path.startsWith(root + "/"))) {
            return Optional.empty();
        }
        String rest = path.substring(root.length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return Optional.of(rest.isEmpty() ? m.mountPoint() : m.mountPoint().resolve(rest));
    }

    /** mountinfo writes space, tab, newline and backslash in paths as octal escapes ({@code \040}). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
