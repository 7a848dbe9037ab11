package io.isoscope.app.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {

    @Test
    void columnsAreTheWidestCellPlusThreeSpacesAndTheLastIsNotPadded() {
        TextTable table = TextTable.of(0, "A", "LONG HEADER", "LAST").row("wide cell", "x", "tail");

        assertThat(table.lines()).containsExactly(
                "A           LONG HEADER   LAST",
                "wide cell   x             tail");
    }

    @Test
    void minimumWidthIncludesTheGap() {
        TextTable table = TextTable.of(10, "ID", "NAME").row("1", "web");

        assertThat(table.lines()).containsExactly(
                "ID        NAME",
                "1         web");
    }

    @Test
    void rightAlignedColumnsKeepTheGapAfterThem() {
        TextTable table = TextTable.of(0, "Id", "Name").alignRight(0).row("7", "a").row("6466", "ping");

        assertThat(table.lines()).containsExactly(
                "  Id   Name",
                "   7   a",
                "6466   ping");
    }

    @Test
    void noTrailingSpacesWhenTheLastCellsAreEmpty() {
        TextTable table = TextTable.of(0, "A", "B").row("x", "").row("y", null);

        assertThat(table.lines()).containsExactly("A   B", "x", "y");
    }

    @Test
    void rowsMustFillEveryColumn() {
        assertThatThrownBy(() -> TextTable.of(0, "A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
