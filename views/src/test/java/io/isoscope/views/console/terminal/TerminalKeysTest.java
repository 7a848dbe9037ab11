package io.isoscope.views.console.terminal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalKeysTest {

    private static String key(TerminalKey k) {
        return new String(TerminalKeys.key(k, false, false, false, false), StandardCharsets.US_ASCII);
    }

    @Test
    void keysSendWhatXtermSends() {
        assertThat(key(TerminalKey.ENTER)).isEqualTo("\r");
        assertThat(key(TerminalKey.BACKSPACE)).isEqualTo("\u007f");
        assertThat(key(TerminalKey.TAB)).isEqualTo("\t");
        assertThat(key(TerminalKey.ESCAPE)).isEqualTo("\u001b");
        assertThat(key(TerminalKey.UP)).isEqualTo("\u001b[A");
        assertThat(key(TerminalKey.DOWN)).isEqualTo("\u001b[B");
        assertThat(key(TerminalKey.RIGHT)).isEqualTo("\u001b[C");
        assertThat(key(TerminalKey.LEFT)).isEqualTo("\u001b[D");
        assertThat(key(TerminalKey.HOME)).isEqualTo("\u001b[H");
        assertThat(key(TerminalKey.END)).isEqualTo("\u001b[F");
        assertThat(key(TerminalKey.PAGE_UP)).isEqualTo("\u001b[5~");
        assertThat(key(TerminalKey.PAGE_DOWN)).isEqualTo("\u001b[6~");
        assertThat(key(TerminalKey.INSERT)).isEqualTo("\u001b[2~");
        assertThat(key(TerminalKey.DELETE)).isEqualTo("\u001b[3~");
        assertThat(key(TerminalKey.F1)).isEqualTo("\u001bOP");
        assertThat(key(TerminalKey.F5)).isEqualTo("\u001b[15~");
        assertThat(key(TerminalKey.F12)).isEqualTo("\u001b[24~");
    }

    @Test
    void modifiersAndApplicationCursorMode() {
        assertThat(new String(TerminalKeys.key(TerminalKey.UP, false, false, false, true), StandardCharsets.US_ASCII))
                .isEqualTo("\u001bOA");
        assertThat(new String(TerminalKeys.key(TerminalKey.RIGHT, false, false, true, false), StandardCharsets.US_ASCII))
                .isEqualTo("\u001b[1;5C");
        assertThat(new String(TerminalKeys.key(TerminalKey.DELETE, true, false, false, false), StandardCharsets.US_ASCII))
                .isEqualTo("\u001b[3;2~");
        assertThat(new String(TerminalKeys.key(TerminalKey.TAB, true, false, false, false), StandardCharsets.US_ASCII))
                .isEqualTo("\u001b[Z");
        assertThat(TerminalKeys.text("x", true)).containsExactly(0x1b, 'x');
    }

    @Test
    void controlLettersGiveControlCharacters() {
        assertThat(TerminalKeys.control('c')).isEqualTo(3);
        assertThat(TerminalKeys.control('D')).isEqualTo(4);
        assertThat(TerminalKeys.control('[')).isEqualTo(0x1b);
        assertThat(TerminalKeys.control(' ')).isZero();
        assertThat(TerminalKeys.control('!')).isEqualTo(-1);
    }

    @Test
    void pasteTurnsLineEndsIntoEnterAndBracketsWhenAsked() {
        assertThat(new String(TerminalKeys.paste("a\nb\r\nc", false), StandardCharsets.UTF_8)).isEqualTo("a\rb\rc");
        assertThat(new String(TerminalKeys.paste("x\u001b[201~y", true), StandardCharsets.UTF_8))
                .isEqualTo("\u001b[200~x[201~y\u001b[201~");
    }
}
