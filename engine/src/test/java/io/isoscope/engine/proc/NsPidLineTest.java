package io.isoscope.engine.proc;

import org.junit.jupiter.api.Test;

import static io.isoscope.engine.proc.FakeProcTree.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NsPidLineTest {

    @Test
    void readsAllLevelsOutermostFirst() {
        byte[] status = bytes("Name:\tsh\nNStgid:\t900\t12\t1\nNSpid:\t900\t12\t1\nNSpgid:\t1\n");

        assertThat(NsPidLine.parse(status, status.length, 900)).containsExactly(900L, 12L, 1L);
    }

    @Test
    void lastLineWithoutNewlineCounts() {
        byte[] status = bytes("Name:\tsh\nNSpid:\t5\t2");

        assertThat(NsPidLine.parse(status, status.length, 5)).containsExactly(5L, 2L);
    }

    @Test
    void kernelsWithoutTheLineGiveTheOwnPid() {
        byte[] status = bytes("Name:\tsh\nPid:\t77\n");

        assertThat(NsPidLine.parse(status, status.length, 77)).containsExactly(77L);
    }

    @Test
    void rejectsGarbage() {
        byte[] status = bytes("Name:\tsh\nNSpid:\t5\tx\n");

        assertThatThrownBy(() -> NsPidLine.parse(status, status.length, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
