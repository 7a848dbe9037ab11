package io.isoscope.engine.stats;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CgroupMountsTest {

    /** This host's mountinfo (Debian 12 in "hybrid" mode), cut to the cgroup lines and one other. */
    private static final String HYBRID = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    @Test
    void v1MountsAreFoundByControllerAndPathsResolveBelowThem() {
        CgroupMounts m = CgroupMounts.parse(HYBRID);
        assertThat(m.hasV1("memory")).isTrue();
        assertThat(m.hasV1("name=systemd")).isFalse();
        assertThat(m.v1Dir("memory", "/isoscope/abc")).contains(Path.of("/sys/fs/cgroup/memory/isoscope/abc"));
        assertThat(m.v1Dir("cpuacct", "/")).contains(Path.of("/sys/fs/cgroup/cpuacct"));
        assertThat(m.v1Dir("blkio", "/x")).isEmpty();
        assertThat(m.v2Dir("/isoscope/abc")).contains(Path.of("/sys/fs/cgroup/unified/isoscope/abc"));
    }

    @Test
    void optionalFieldsBeforeTheDashAndCoMountedControllers() {
        CgroupMounts m = CgroupMounts.parse(
                "25 20 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 master:2 - cgroup cgroup rw,cpu,cpuacct\n");
        assertThat(m.v1Dir("cpuacct", "/a")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct/a"));
        assertThat(m.v1Dir("cpu", "/a")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct/a"));
    }

    @Test
    void aUnifiedHostHasNoV1AndANonRootMountSeesOnlyItsSubtree() {
        CgroupMounts m = CgroupMounts.parse(
                "30 24 0:26 /kubepods /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        assertThat(m.hasV1("memory")).isFalse();
        assertThat(m.v2Dir("/kubepods/pod1")).contains(Path.of("/sys/fs/cgroup/pod1"));
        assertThat(m.v2Dir("/kubepods")).contains(Path.of("/sys/fs/cgroup"));
        assertThat(m.v2Dir("/other")).isEmpty();
    }

    @Test
    void escapedSpacesInMountPointsAreDecoded() {
        CgroupMounts m = CgroupMounts.parse("41 31 0:38 / /tmp/my\\040cgroup rw - cgroup2 none rw\n");
        assertThat(m.v2Dir("/a")).contains(Path.of("/tmp/my cgroup/a"));
    }
}
