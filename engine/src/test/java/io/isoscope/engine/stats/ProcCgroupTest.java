package io.isoscope.engine.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcCgroupTest {

    @Test
    void v1LinesGiveAPathPerControllerAndTheUnifiedLineTheV2Path() {
        // This host's layout ("hybrid"): separate cpu and cpuacct hierarchies, a named systemd one, an empty v2.
        ProcCgroup c = ProcCgroup.parse("""
                9:name=systemd:/
                8:pids:/isoscope/abc
                4:memory:/isoscope/abc
                2:cpuacct:/isoscope/abc
                1:cpu:/isoscope/abc
                0::/
                """);
        assertThat(c.v1Path("memory")).contains("/isoscope/abc");
        assertThat(c.v1Path("cpuacct")).contains("/isoscope/abc");
        assertThat(c.v1Path("pids")).contains("/isoscope/abc");
        assertThat(c.v1Paths()).doesNotContainKey("name=systemd");
        assertThat(c.v2Path()).isEqualTo("/");
    }

    @Test
    void coMountedControllersShareTheirPath() {
        ProcCgroup c = ProcCgroup.parse("3:cpu,cpuacct:/docker/x\n");
        assertThat(c.v1Path("cpu")).contains("/docker/x");
        assertThat(c.v1Path("cpuacct")).contains("/docker/x");
        assertThat(c.v2Path()).isNull();
    }

    @Test
    void aPureV2HostHasOnlyTheUnifiedLineAndPathsMayHoldColons() {
        ProcCgroup c = ProcCgroup.parse("0::/system.slice/runc-a:b.scope\n");
        assertThat(c.v1Paths()).isEmpty();
        assertThat(c.v2Path()).isEqualTo("/system.slice/runc-a:b.scope");
    }

    @Test
    void garbageIsRejectedWithTheLine() {
        assertThatThrownBy(() -> ProcCgroup.parse("nonsense\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
    }
}
