package io.isoscope.app.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgParserTest {

    private static final List<Option> OPTIONS = List.of(
            Option.flag('a', "all", "all"),
            Option.flag('q', "quiet", "quiet"),
            Option.value('t', "timeout", "int", "seconds").withAlias("time"),
            Option.value('e', "env", "list", "env"),
            Option.value("name", "string", "name"));
    private static final CommandSyntax INTERSPERSED = new CommandSyntax("x", "", "", OPTIONS, true);
    private static final CommandSyntax STOP_AT_OPERAND = new CommandSyntax("x", "", "", OPTIONS, false);

    @Test
    void longFlagsTakeTheirValueWithEqualsOrAsTheNextWord() {
        ParsedArgs p = ArgParser.parse(INTERSPERSED, List.of("--name=web", "--timeout", "5", "c1"));

        assertThat(p.value("name")).contains("web");
        assertThat(p.value("timeout")).contains("5");
        assertThat(p.operands()).containsExactly("c1");
    }

    @Test
    void shortFlagsGroupAndTakeAttachedOrFollowingValues() {
        ParsedArgs p = ArgParser.parse(INTERSPERSED, List.of("-aq", "-eA=1", "-e", "B=2", "-t7"));

        assertThat(p.flag("all")).isTrue();
        assertThat(p.flag("quiet")).isTrue();
        assertThat(p.values("env")).containsExactly("A=1", "B=2");
        assertThat(p.value("timeout")).contains("7");
    }

    @Test
    void aliasesStoreUnderTheOptionsName() {
        assertThat(ArgParser.parse(INTERSPERSED, List.of("--time=3")).value("timeout")).contains("3");
    }

    @Test
    void interspersedFlagsMayFollowOperands() {
        ParsedArgs p = ArgParser.parse(INTERSPERSED, List.of("c1", "-a", "c2"));

        assertThat(p.flag("all")).isTrue();
        assertThat(p.operands()).containsExactly("c1", "c2");
    }

    @Test
    void theFirstOperandEndsTheFlagsWhenNotInterspersed() {
        ParsedArgs p = ArgParser.parse(STOP_AT_OPERAND, List.of("-a", "busybox", "ping", "-c", "1", "--name", "x"));

        assertThat(p.flag("all")).isTrue();
        assertThat(p.value("name")).isEmpty();
        assertThat(p.operands()).containsExactly("busybox", "ping", "-c", "1", "--name", "x");
    }

    @Test
    void doubleDashEndsTheFlagsAndALoneDashIsAnOperand() {
        ParsedArgs p = ArgParser.parse(INTERSPERSED, List.of("-", "--", "-a", "--name"));

        assertThat(p.flag("all")).isFalse();
        assertThat(p.operands()).containsExactly("-", "-a", "--name");
    }

    @Test
    void booleanFlagsAcceptAnExplicitValue() {
        assertThat(ArgParser.parse(INTERSPERSED, List.of("-a", "--all=false")).flag("all")).isFalse();
        assertThatThrownBy(() -> ArgParser.parse(INTERSPERSED, List.of("--all=maybe")))
                .isInstanceOf(UsageException.class).hasMessageContaining("\"maybe\"");
    }

    @Test
    void helpIsUnderstoodByEveryCommand() {
        assertThat(ArgParser.parse(INTERSPERSED, List.of("-h")).help()).isTrue();
        assertThat(ArgParser.parse(STOP_AT_OPERAND, List.of("--help")).help()).isTrue();
        assertThat(ArgParser.parse(STOP_AT_OPERAND, List.of("busybox", "--help")).help()).isFalse();
    }

    @Test
    void unknownFlagsAndMissingValuesAreUsageErrorsInPflagsWords() {
        assertThatThrownBy(() -> ArgParser.parse(INTERSPERSED, List.of("--bogus")))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag: --bogus");
        assertThatThrownBy(() -> ArgParser.parse(INTERSPERSED, List.of("-ax")))
                .isInstanceOf(UsageException.class).hasMessage("unknown shorthand flag: 'x' in -ax");
        assertThatThrownBy(() -> ArgParser.parse(INTERSPERSED, List.of("--name")))
                .isInstanceOf(UsageException.class).hasMessage("flag needs an argument: --name");
        assertThatThrownBy(() -> ArgParser.parse(INTERSPERSED, List.of("-t")))
                .isInstanceOf(UsageException.class).hasMessage("flag needs an argument: 't' in -t");
    }

    @Test
    void operandCountsAreCheckedWithDockersWording() {
        ParsedArgs none = ArgParser.parse(new CommandSyntax("top", "", "", List.of(), true), List.of());

        assertThatThrownBy(() -> none.exactly(1)).hasMessage("'isoscope top' requires exactly 1 argument.");
        assertThatThrownBy(() -> none.atLeast(1)).hasMessage("'isoscope top' requires at least 1 argument.");
        ParsedArgs one = ArgParser.parse(new CommandSyntax("ps", "", "", List.of(), true), List.of("x"));
        assertThatThrownBy(one::none).hasMessage("'isoscope ps' accepts no arguments.");
    }
}
