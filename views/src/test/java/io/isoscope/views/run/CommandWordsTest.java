package io.isoscope.views.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandWordsTest {

    @Test
    void splitsOnWhitespace() {
        assertThat(CommandWords.split("  ping   127.0.0.1 ")).containsExactly("ping", "127.0.0.1");
    }

    @Test
    void quotesKeepSpaces() {
        assertThat(CommandWords.split("sh -c 'echo \"a b\"'")).containsExactly("sh", "-c", "echo \"a b\"");
        assertThat(CommandWords.split("echo \"it's\" a\\ b ''")).containsExactly("echo", "it's", "a b", "");
    }

    @Test
    void anUnclosedQuoteRunsToTheEnd() {
        assertThat(CommandWords.split("echo 'half done")).containsExactly("echo", "half done");
    }

    @Test
    void blankGivesNoWords() {
        assertThat(CommandWords.split("   ")).isEmpty();
        assertThat(CommandWords.split(null)).isEmpty();
    }
}
