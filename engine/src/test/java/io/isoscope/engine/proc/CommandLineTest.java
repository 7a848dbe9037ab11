package io.isoscope.engine.proc;

import org.junit.jupiter.api.Test;

import static io.isoscope.engine.proc.FakeProcTree.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @Test
    void joinsArgumentsWithSpacesAndDropsTrailingNuls() {
        byte[] raw = bytes("sleep\0" + "60\0\0");

        assertThat(CommandLine.decode(raw, raw.length, "sleep")).isEqualTo("sleep 60");
    }

    @Test
    void keepsARewrittenTitleWithoutNulsAsIs() {
        byte[] raw = bytes("nginx: worker process");

        assertThat(CommandLine.decode(raw, raw.length, "nginx")).isEqualTo("nginx: worker process");
    }

    @Test
    void noArgumentsMeansBracketedName() {
        assertThat(CommandLine.decode(new byte[8], 0, "kworker/0:1")).isEqualTo("[kworker/0:1]");
        assertThat(CommandLine.decode(new byte[]{0}, 1, "zombie")).isEqualTo("[zombie]");
    }

    @Test
    void decodesUtf8() {
        byte[] raw = bytes("echo\0grüße\0");

        assertThat(CommandLine.decode(raw, raw.length, "echo")).isEqualTo("echo grüße");
    }
}
