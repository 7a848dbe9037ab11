package io.isoscope.engine.proc;

import org.junit.jupiter.api.Test;

import static io.isoscope.engine.proc.FakeProcTree.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatFieldsTest {

    @Test
    void commEndsAtTheLastParenthesis() {
        byte[] line = bytes(FakeProcTree.stat(9, ") (x) (", 1, 9, 3, 4, 2, 77, 8192, 5));

        StatFields fields = StatFields.parse(line, line.length);

        assertThat(fields).isEqualTo(new StatFields(") (x) (", 1, 9, 7, 2, 77, 8192, 5));
    }

    @Test
    void readsOnlyTheGivenLength() {
        byte[] line = bytes(FakeProcTree.stat(9, "a", 1, 9, 0, 0, 1, 0, 0, 0) + "junk");

        assertThat(StatFields.parse(line, line.length - 4).name()).isEqualTo("a");
    }

    @Test
    void rejectsLinesThatAreNoStat() {
        byte[] noComm = bytes("1 init S 0 1 1");
        byte[] tooShort = bytes("1 (init) S 0 1 1\n");
        byte[] lonelyMinus = bytes(FakeProcTree.stat(1, "a", 1, 1, 0, 0, 1, 0, 0, 0).replace(" 20 0 ", " - 0 "));

        assertThatThrownBy(() -> StatFields.parse(noComm, noComm.length)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatFields.parse(tooShort, tooShort.length))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatFields.parse(lonelyMinus, lonelyMinus.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
