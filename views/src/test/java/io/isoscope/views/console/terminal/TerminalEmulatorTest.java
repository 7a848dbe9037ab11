package io.isoscope.views.console.terminal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TerminalEmulatorTest {

    private final ByteArrayOutputStream answers = new ByteArrayOutputStream();

    private TerminalEmulator terminal(int columns, int rows) {
        return new TerminalEmulator(columns, rows, 100, answers::writeBytes);
    }

    private static String esc(String rest) {
        return "\u001b" + rest;
    }

    @Test
    void printableTextGoesAtTheCursorWhichMovesOn() {
        TerminalEmulator t = terminal(20, 4);
        t.feed("hello");
        assertThat(t.screen().lineText(0)).isEqualTo("hello");
        assertThat(t.screen().cursorRow()).isZero();
        assertThat(t.screen().cursorColumn()).isEqualTo(5);
    }

    @Test
    void carriageReturnLineFeedBackspaceTabAndBell() {
        TerminalEmulator t = terminal(20, 4);
        t.feed("one\r\ntwo\r\nab\bc\r\na\tb\u0007");
        assertThat(t.screen().screenText()).isEqualTo("one\ntwo\nac\na       b");
        assertThat(t.screen().bells()).isEqualTo(1);
        t.feed("\r\n\b\bx");
        assertThat(t.screen().lineText(3)).as("backspace stops at the left edge").isEqualTo("x");
    }

    @Test
    void lineFeedAloneKeepsTheColumn() {
        TerminalEmulator t = terminal(10, 3);
        t.feed("ab\ncd");
        assertThat(t.screen().screenText()).isEqualTo("ab\n  cd\n");
    }

    @Test
    void longLinesWrapAndAFullLineFollowedByNewlineLeavesNoBlankLine() {
        TerminalEmulator t = terminal(5, 4);
        t.feed("abcdefg");
        assertThat(t.screen().lineText(0)).isEqualTo("abcde");
        assertThat(t.screen().line(0).wrapped()).isTrue();
        assertThat(t.screen().lineText(1)).isEqualTo("fg");

        TerminalEmulator exact = terminal(5, 4);
        exact.feed("abcde\r\nf");
        assertThat(exact.screen().screenText()).isEqualTo("abcde\nf\n\n");
        assertThat(exact.screen().line(0).wrapped()).isFalse();
    }

    @Test
    void withAutoWrapOffTheLastColumnIsOverwritten() {
        TerminalEmulator t = terminal(5, 2);
        t.feed(esc("[?7l") + "abcdefg");
        assertThat(t.screen().screenText()).isEqualTo("abcdg\n");
    }

    @Test
    void outputScrollsIntoTheScrollbackWhichKeepsItsCapacity() {
        TerminalEmulator t = new TerminalEmulator(10, 3, 5, b -> { });
        for (int i = 1; i <= 20; i++) {
            t.feed("line" + i + "\r\n");
        }
        TerminalScreen s = t.screen();
        assertThat(s.screenText()).isEqualTo("line19\nline20\n");
        assertThat(s.scrollbackSize()).isEqualTo(5);
        assertThat(s.firstLineNumber()).isEqualTo(13);
        assertThat(s.lineAt(s.firstLineNumber()).text()).isEqualTo("line14");
        assertThat(s.lineAt(s.screenLineNumber() - 1).text()).isEqualTo("line18");
        assertThat(s.lineAt(s.firstLineNumber() - 1)).as("dropped").isNull();
    }

    @Test
    void utf8SplitAcrossChunksIsReassembled() {
        TerminalEmulator t = terminal(20, 2);
        byte[] text = "é€😀ok".getBytes(StandardCharsets.UTF_8);
        for (byte b : text) {
            t.feed(new byte[] {b}); // every character arrives in pieces
        }
        assertThat(t.screen().lineText(0)).isEqualTo("é€😀ok");
        assertThat(t.screen().cursorColumn()).as("the emoji is two cells wide").isEqualTo(6);
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersAndTheStreamGoesOn() {
        TerminalEmulator t = terminal(20, 2);
        t.feed(new byte[] {'a', (byte) 0x80, 'b', (byte) 0xe2, (byte) 0x82, 'c', (byte) 0xc0, (byte) 0xaf, 'd',
            (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'e'});
        assertThat(t.screen().lineText(0)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFDe");
    }

    @Test
    void escapeSequencesSplitAcrossChunksStillApply() {
        TerminalEmulator t = terminal(20, 4);
        t.feed("\u001b");
        t.feed("[");
        t.feed("3");
        t.feed("1mred");
        t.feed(esc("[0") + "");
        t.feed("m plain");
        TerminalScreen s = t.screen();
        assertThat(s.lineText(0)).isEqualTo("red plain");
        assertThat(s.line(0).styleAt(0).foreground()).isEqualTo(TermColor.indexed(1));
        assertThat(s.line(0).styleAt(4)).isEqualTo(TextStyle.DEFAULT);

        t.feed("\u001b[2");
        t.feed("J");
        assertThat(s.screenText()).isEqualTo("\n\n\n");
    }

    @Test
    void cursorMovesAreClampedToTheScreen() {
        TerminalEmulator t = terminal(20, 10);
        TerminalScreen s = t.screen();
        t.feed(esc("[5;10H"));
        assertThat(s.cursorRow()).isEqualTo(4);
        assertThat(s.cursorColumn()).isEqualTo(9);
        t.feed(esc("[2A"));
        assertThat(s.cursorRow()).isEqualTo(2);
        t.feed(esc("[B"));
        assertThat(s.cursorRow()).isEqualTo(3);
        t.feed(esc("[3C"));
        assertThat(s.cursorColumn()).isEqualTo(12);
        t.feed(esc("[4D"));
        assertThat(s.cursorColumn()).isEqualTo(8);
        t.feed(esc("[2E"));
        assertThat(s.cursorRow()).isEqualTo(5);
        assertThat(s.cursorColumn()).isZero();
        t.feed(esc("[7G"));
        assertThat(s.cursorColumn()).isEqualTo(6);
        t.feed(esc("[F"));
        assertThat(s.cursorRow()).isEqualTo(4);
        assertThat(s.cursorColumn()).isZero();
        t.feed(esc("[8d"));
        assertThat(s.cursorRow()).isEqualTo(7);
        t.feed(esc("[3;4f"));
        assertThat(s.cursorRow()).isEqualTo(2);
        assertThat(s.cursorColumn()).isEqualTo(3);
        t.feed(esc("[H"));
        assertThat(s.cursorRow()).isZero();
        assertThat(s.cursorColumn()).isZero();
        t.feed(esc("[99999999999B") + esc("[999999C"));
        assertThat(s.cursorRow()).isEqualTo(9);
        assertThat(s.cursorColumn()).isEqualTo(19);
        t.feed(esc("[0;0H"));
        assertThat(s.cursorRow()).as("0 means 1").isZero();
    }

    @Test
    void eraseInDisplayAndLineInEveryMode() {
        TerminalEmulator t = terminal(6, 3);
        String filled = "aaaaaa" + "bbbbbb" + "cccccc";
        t.feed(filled + esc("[2;3H") + esc("[J"));
        assertThat(t.screen().screenText()).isEqualTo("aaaaaa\nbb\n");
        t.feed(esc("[H") + filled + esc("[2;3H") + esc("[1J"));
        assertThat(t.screen().screenText()).isEqualTo("\n   bbb\ncccccc");
        t.feed(esc("[2J"));
        assertThat(t.screen().screenText()).isEqualTo("\n\n");

        t.feed(esc("[H") + "abcdef" + esc("[1;3H") + esc("[K"));
        assertThat(t.screen().lineText(0)).isEqualTo("ab");
        t.feed(esc("[1;1H") + "abcdef" + esc("[1;3H") + esc("[1K"));
        assertThat(t.screen().lineText(0)).isEqualTo("   def");
        t.feed(esc("[2K"));
        assertThat(t.screen().lineText(0)).isEmpty();
    }

    @Test
    void insertAndDeleteCharactersAndLines() {
        TerminalEmulator t = terminal(8, 4);
        t.feed("abcdef" + esc("[1;3H") + esc("[2@"));
        assertThat(t.screen().lineText(0)).isEqualTo("ab  cdef");
        t.feed(esc("[3P"));
        assertThat(t.screen().lineText(0)).isEqualTo("abdef");
        t.feed(esc("[1;2H") + esc("[2X"));
        assertThat(t.screen().lineText(0)).isEqualTo("a  ef");

        t.feed(esc("[H") + esc("[2J") + "1\r\n2\r\n3\r\n4" + esc("[2;1H") + esc("[L"));
        assertThat(t.screen().screenText()).isEqualTo("1\n\n2\n3");
        t.feed(esc("[2M"));
        assertThat(t.screen().screenText()).isEqualTo("1\n3\n\n");
        assertThat(t.screen().scrollbackSize()).as("deleted lines are gone, not history").isZero();
    }

    @Test
    void sgrSetsAttributesAndColoursInAllNotations() {
        TerminalEmulator t = terminal(40, 2);
        t.feed(esc("[1;4;7;31;42mA") + esc("[22;24;27mB") + esc("[0;91;104mC") + esc("[38;5;196;48;5;21mD")
                + esc("[38;2;1;2;3mE") + esc("[38:2::10:20:30mF") + esc("[38:5:33mG") + esc("[39;49mH")
                + esc("[mI") + esc("[3;5;9;53mJ"));
        TerminalLine line = t.screen().line(0);
        assertThat(line.styleAt(0)).isEqualTo(new TextStyle(1, 2, true, true, true));
        assertThat(line.styleAt(1)).isEqualTo(new TextStyle(1, 2, false, false, false));
        assertThat(line.styleAt(2)).isEqualTo(new TextStyle(9, 12, false, false, false));
        assertThat(line.styleAt(3)).isEqualTo(new TextStyle(196, 21, false, false, false));
        assertThat(line.styleAt(4).foreground()).isEqualTo(TermColor.rgb(1, 2, 3));
        assertThat(line.styleAt(5).foreground()).isEqualTo(TermColor.rgb(10, 20, 30));
        assertThat(line.styleAt(6).foreground()).isEqualTo(33);
        assertThat(line.styleAt(7)).isEqualTo(TextStyle.DEFAULT);
        assertThat(line.styleAt(8)).isEqualTo(TextStyle.DEFAULT);
        assertThat(line.styleAt(9)).as("attributes not drawn are ignored").isEqualTo(TextStyle.DEFAULT);
        assertThat(TermColor.toRgb(TermColor.rgb(1, 2, 3), 0)).isEqualTo(0x010203);
        assertThat(TermColor.toRgb(196, 0)).as("the 6x6x6 cube").isEqualTo(0xff0000);
        assertThat(TermColor.toRgb(232, 0)).as("the grey ramp").isEqualTo(0x080808);
    }

    @Test
    void malformedExtendedColoursDoNotLeakIntoOtherAttributes() {
        TerminalEmulator t = terminal(10, 2);
        t.feed(esc("[38;5m") + "a" + esc("[38;2;1m") + "b" + esc("[38;5;999m") + "c");
        TerminalLine line = t.screen().line(0);
        assertThat(line.text()).isEqualTo("abc");
        assertThat(line.styleAt(0)).isEqualTo(TextStyle.DEFAULT);
        assertThat(line.styleAt(1).bold()).isFalse();
        assertThat(line.styleAt(2)).isEqualTo(TextStyle.DEFAULT);
    }

    @Test
    void erasingUsesTheCurrentBackground() {
        TerminalEmulator t = terminal(4, 2);
        t.feed(esc("[44m") + esc("[2J"));
        assertThat(t.screen().line(1).styleAt(3).background()).isEqualTo(4);
        assertThat(t.screen().line(1).styleAt(3).foreground()).isEqualTo(TermColor.DEFAULT);
    }

    @Test
    void scrollRegionScrollsOnlyItsRowsAndKeepsThemOutOfTheScrollback() {
        TerminalEmulator t = terminal(10, 5);
        t.feed("top\r\na\r\nb\r\nc\r\nstatus");
        t.feed(esc("[2;4r"));
        assertThat(t.screen().cursorRow()).as("DECSTBM homes the cursor").isZero();
        t.feed(esc("[4;1H") + "\r\nd\r\ne");
        assertThat(t.screen().screenText()).isEqualTo("top\nc\nd\ne\nstatus");
        assertThat(t.screen().scrollbackSize()).isZero();
        t.feed(esc("[2;1H") + esc("M") + "z");
        assertThat(t.screen().screenText()).as("reverse index at the region's top scrolls it down")
                .isEqualTo("top\nz\nc\nd\nstatus");
        t.feed(esc("[S"));
        assertThat(t.screen().screenText()).isEqualTo("top\nc\nd\n\nstatus");
        t.feed(esc("[T"));
        assertThat(t.screen().screenText()).isEqualTo("top\n\nc\nd\nstatus");
        t.feed(esc("[r") + esc("[5;1H") + "\n");
        assertThat(t.screen().lineText(0)).as("the full screen scrolls again").isEmpty();
        assertThat(t.screen().scrollbackSize()).isEqualTo(1);
    }

    @Test
    void originModeMakesPositionsRelativeToTheRegion() {
        TerminalEmulator t = terminal(10, 6);
        t.feed(esc("[2;5r") + esc("[?6h") + esc("[1;1H") + "x" + esc("[9;1H") + "y" + esc("[6n"));
        assertThat(t.screen().lineText(1)).isEqualTo("x");
        assertThat(t.screen().lineText(4)).as("clamped to the region").isEqualTo("y");
        assertThat(answers.toString(StandardCharsets.US_ASCII)).isEqualTo("\u001b[4;2R");
    }

    @Test
    void saveAndRestoreCursorBothWays() {
        TerminalEmulator t = terminal(20, 5);
        t.feed(esc("[2;3H") + esc("[1m") + esc("7") + esc("[5;5H") + esc("[0m") + esc("8") + "A");
        assertThat(t.screen().line(1).charAt(2)).isEqualTo('A');
        assertThat(t.screen().line(1).styleAt(2).bold()).as("the style is restored too").isTrue();
        t.feed(esc("[0m") + esc("[4;6H") + esc("[s") + esc("[H") + esc("[u") + "B");
        assertThat(t.screen().line(3).charAt(5)).isEqualTo('B');
    }

    @Test
    void deviceStatusReportsAnswerThroughTheResponder() {
        TerminalEmulator t = terminal(20, 5);
        t.feed(esc("[3;7H") + esc("[6n"));
        assertThat(answers.toString(StandardCharsets.US_ASCII)).isEqualTo("\u001b[3;7R");
        answers.reset();
        t.feed(esc("[5n") + esc("[c") + esc("[?6n"));
        assertThat(answers.toString(StandardCharsets.US_ASCII)).isEqualTo("\u001b[0n\u001b[?1;2c\u001b[?3;7R");
    }

    @Test
    void cursorCanBeHiddenAndShown() {
        TerminalEmulator t = terminal(10, 2);
        t.feed(esc("[?25l"));
        assertThat(t.screen().cursorVisible()).isFalse();
        t.feed(esc("[?25h"));
        assertThat(t.screen().cursorVisible()).isTrue();
    }

    @Test
    void alternateScreenKeepsTheMainScreenAndItsCursor() {
        TerminalEmulator t = terminal(10, 3);
        t.feed("$ vi\r\n$ ");
        t.feed(esc("[?1049h"));
        TerminalScreen s = t.screen();
        assertThat(s.alternateScreen()).isTrue();
        assertThat(s.screenText()).isEqualTo("\n\n");
        t.feed(esc("[H") + "1\r\n2\r\n3\r\n4\r\n5");
        assertThat(s.screenText()).isEqualTo("3\n4\n5");
        assertThat(s.scrollbackSize()).as("the alternate screen has no history").isZero();
        t.feed(esc("[?1049l"));
        assertThat(s.alternateScreen()).isFalse();
        assertThat(s.screenText()).isEqualTo("$ vi\n$\n");
        assertThat(s.cursorRow()).isEqualTo(1);
        assertThat(s.cursorColumn()).isEqualTo(2);

        t.feed(esc("[?47h") + "x" + esc("[?47l"));
        assertThat(s.screenText()).isEqualTo("$ vi\n$\n");
        t.feed(esc("[?47h"));
        assertThat(s.lineText(1)).as("?47 does not clear the alternate screen").contains("x");
        t.feed(esc("[?1047l") + esc("[?1047h"));
        assertThat(s.screenText()).as("?1047 clears it as it leaves").isEqualTo("\n\n");
    }

    @Test
    void applicationCursorKeysAndBracketedPasteModesAreTracked() {
        TerminalEmulator t = terminal(10, 2);
        t.feed(esc("[?1;2004h"));
        assertThat(t.screen().applicationCursorKeys()).isTrue();
        assertThat(t.screen().bracketedPaste()).isTrue();
        t.feed(esc("[?1l") + esc("[?2004l"));
        assertThat(t.screen().applicationCursorKeys()).isFalse();
        assertThat(t.screen().bracketedPaste()).isFalse();
    }

    @Test
    void unknownAndMalformedSequencesAreSkippedWithoutHarm() {
        TerminalEmulator t = terminal(30, 3);
        t.feed("a" + esc("[?9999z") + "b" + esc("]0;my title\u0007") + "c" + esc("P1$r0m" + esc("\\")) + "d"
                + esc("[>0;1c") + "e" + esc("[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26;"
                + "27;28;29;30;31;32;33;34;35;36m") + "f" + esc("[1 q") + "g" + esc("(B") + "h" + esc("#8") + "i"
                + esc("[12\u00e9m") + "j" + esc("[3\u0018") + "k" + esc("]2;never ends"));
        t.feed(esc("\\") + "l" + esc("_apc" + esc("\\")) + "m" + esc("[=5u") + "n" + esc("[4;5;6T") + "o");
        assertThat(t.screen().lineText(0)).isEqualTo("abcdefghijklmno");
        assertThat(t.title()).isEqualTo("never ends");
        assertThat(t.screen().lineText(1)).isEmpty();
    }

    @Test
    void randomBytesNeverCrashNorHang() {
        TerminalEmulator t = new TerminalEmulator(40, 12, 50, b -> { });
        Random random = new Random(5);
        String alphabet = "\u001b[;?0123456789:mHJKABCDrsuhl@PLM7 8\r\n\b\tX]\u0007\\(";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 400; round++) {
                byte[] chunk = new byte[random.nextInt(4096)];
                if (round % 2 == 0) {
                    random.nextBytes(chunk);
                } else {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                    }
                }
                t.feed(chunk);
                if (round % 50 == 0) {
                    t.resize(1 + random.nextInt(60), 1 + random.nextInt(20));
                }
            }
        });
        TerminalScreen s = t.screen();
        assertThat(s.cursorRow()).isBetween(0, s.rows() - 1);
        assertThat(s.cursorColumn()).isBetween(0, s.columns() - 1);
        t.resize(40, 12);
        t.feed(esc("c") + "still alive");
        assertThat(s.lineText(0)).isEqualTo("still alive");
    }

    @Test
    void decLineDrawingCharactersAndShiftOut() {
        TerminalEmulator t = terminal(10, 2);
        t.feed(esc("(0") + "lqk" + esc("(B") + "q" + esc(")0") + "\u000ex\u000fx");
        assertThat(t.screen().lineText(0)).isEqualTo("┌─┐q│x");
    }

    @Test
    void wideCharactersTakeTwoCellsAndWrapWhole() {
        TerminalEmulator t = terminal(5, 2);
        t.feed("ab日本");
        assertThat(t.screen().lineText(0)).isEqualTo("ab日");
        assertThat(t.screen().line(0).charAt(3)).isEqualTo(TerminalLine.WIDE_TAIL);
        assertThat(t.screen().lineText(1)).isEqualTo("本");
        t.feed(esc("[1;4H") + "x");
        assertThat(t.screen().lineText(0)).as("overwriting half a wide character blanks it").isEqualTo("ab x");
    }

    @Test
    void combiningMarksAreNotGivenACell() {
        TerminalEmulator t = terminal(10, 2);
        t.feed("e\u0301x");
        assertThat(t.screen().cursorColumn()).isEqualTo(2);
    }

    @Test
    void tabStopsCanBeSetAndCleared() {
        TerminalEmulator t = terminal(30, 2);
        t.feed(esc("[3g") + esc("[1;4H") + esc("H") + esc("[1;1H") + "\tx\ty");
        assertThat(t.screen().lineText(0)).as("one stop at column 4, then the last column").isEqualTo("   x                         y");
        t.feed(esc("[2;1H") + esc("[3g") + esc("c") + "\tz" + esc("[2Z") + "w");
        assertThat(t.screen().lineText(0)).as("a reset restores a stop every 8 columns").isEqualTo("w       z");
    }

    @Test
    void repeatPrintsTheLastCharacterAgain() {
        TerminalEmulator t = terminal(10, 2);
        t.feed("-" + esc("[4b"));
        assertThat(t.screen().lineText(0)).isEqualTo("-----");
    }

    @Test
    void insertModeShiftsTextRight() {
        TerminalEmulator t = terminal(10, 2);
        t.feed("abc" + esc("[1;2H") + esc("[4h") + "XY" + esc("[4l") + "Z");
        assertThat(t.screen().lineText(0)).isEqualTo("aXYZc");
    }

    @Test
    void resizeKeepsTheCursorLineAndCutsOrPadsColumns() {
        TerminalEmulator t = terminal(10, 5);
        t.feed("1\r\n2\r\n3\r\n4\r\n5 prompt");
        t.resize(6, 3);
        TerminalScreen s = t.screen();
        assertThat(s.screenText()).isEqualTo("3\n4\n5 prom");
        assertThat(s.cursorRow()).isEqualTo(2);
        assertThat(s.cursorColumn()).isEqualTo(5);
        assertThat(s.scrollbackSize()).isEqualTo(2);
        t.resize(12, 4);
        assertThat(s.screenText()).isEqualTo("3\n4\n5 prom\n");
        assertThat(s.columns()).isEqualTo(12);
        t.feed(esc("[4;1H") + "x".repeat(12));
        assertThat(s.lineText(3)).hasSize(12);
    }

    @Test
    void selectedTextJoinsWrappedLinesAndSeparatesOthers() {
        TerminalEmulator t = terminal(5, 4);
        t.feed("abcdefg\r\nxy  \r\nlast");
        TerminalScreen s = t.screen();
        long first = s.screenLineNumber();
        assertThat(s.textBetween(first, 0, first + 3, 5)).isEqualTo("abcdefg\nxy\nlast");
        assertThat(s.textBetween(first + 1, 1, first, 3)).as("either direction").isEqualTo("def");
    }

    @Test
    void resetClearsScreenAndHistory() {
        TerminalEmulator t = new TerminalEmulator(10, 2, 10, b -> { });
        t.feed("a\r\nb\r\nc" + esc("[31m") + esc("[?25l"));
        t.reset();
        assertThat(t.screen().screenText()).isEqualTo("\n");
        assertThat(t.screen().scrollbackSize()).isZero();
        assertThat(t.screen().cursorVisible()).isTrue();
        assertThat(t.screen().style()).isEqualTo(TextStyle.DEFAULT);
    }
}
