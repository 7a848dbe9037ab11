package io.isoscope.app.gui.shots;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-line screenshot specs of installer/screenshot.sh. */
class ShotSpecTest {

    @Test
    void aLineIsANameAndItsStepsInOrder() {
        ShotSpec shot = ShotSpec.parse("  stats   select=demo-ping tab=Host_processes wait=4 ");

        assertThat(shot.name()).isEqualTo("stats");
        assertThat(shot.steps()).extracting(ShotSpec.Step::action).containsExactly("select", "tab", "wait");
        assertThat(shot.steps().get(1).argument()).as("underscores stand for spaces").isEqualTo("Host processes");
    }

    @Test
    void aNameAloneIsTheWindowAsItOpens() {
        assertThat(ShotSpec.parse("main").steps()).isEmpty();
    }

    @Test
    void anUnknownStepOrABadNameIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> ShotSpec.parse("logs press=F1"))
                .hasMessageContaining("unknown step \"press=F1\"").hasMessageContaining("select=..., tab=...");
        assertThatThrownBy(() -> ShotSpec.parse("../x click=#a")).hasMessageContaining("use lower-case letters");
    }
}
