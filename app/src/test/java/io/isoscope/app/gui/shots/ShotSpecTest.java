package io.isoscope.app.gui.shots;

import javafx.scene.input.KeyCode;
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
    void quotedTextKeepsItsSpacesAndUnderscores() {
        ShotSpec shot = ShotSpec.parse("console focus=#terminal type=\"ls -l /my_dir\" key=enter type=x\"y z\"");

        assertThat(shot.steps()).extracting(ShotSpec.Step::action).containsExactly("focus", "type", "key", "type");
        assertThat(shot.steps().get(1).argument()).isEqualTo("ls -l /my_dir");
        assertThat(shot.steps().get(3).argument()).as("quotes may start inside a word").isEqualTo("xy z");
        assertThat(ShotSpec.keyCode(shot.steps().get(2).argument())).isEqualTo(KeyCode.ENTER);
    }

    @Test
    void theNewStepsTakeTheirArguments() {
        ShotSpec shot = ShotSpec.parse("tree toggle=#hostTree row=#hostProcessTable:isoscope-shim divider=#layout:0.3");

        assertThat(shot.steps()).extracting(ShotSpec.Step::toString)
                .containsExactly("toggle=#hostTree", "row=#hostProcessTable:isoscope-shim", "divider=#layout:0.3");
    }

    @Test
    void anUnknownStepOrABadNameIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> ShotSpec.parse("logs press=F1"))
                .hasMessageContaining("unknown step \"press=F1\"").hasMessageContaining("select=..., tab=...");
        assertThatThrownBy(() -> ShotSpec.parse("../x click=#a")).hasMessageContaining("use lower-case letters");
        assertThatThrownBy(() -> ShotSpec.parse("   ")).hasMessageContaining("write a name");
    }

    @Test
    void badArgumentsAreRefusedBeforeTheWindowOpens() {
        assertThatThrownBy(() -> ShotSpec.parse("x key=Entr")).hasMessageContaining("key=Entr")
                .hasMessageContaining("ENTER");
        assertThatThrownBy(() -> ShotSpec.parse("x click=hostTree")).hasMessageContaining("with a #");
        assertThatThrownBy(() -> ShotSpec.parse("x toggle=#")).hasMessageContaining("with a #");
        assertThatThrownBy(() -> ShotSpec.parse("x row=#hostProcessTable")).hasMessageContaining("row=#hostProcessTable:ping");
        assertThatThrownBy(() -> ShotSpec.parse("x divider=#layout:2")).hasMessageContaining("fraction from 0 to 1");
        assertThatThrownBy(() -> ShotSpec.parse("x wait=soon")).hasMessageContaining("as a number");
        assertThatThrownBy(() -> ShotSpec.parse("x theme=blue")).hasMessageContaining("theme=light or theme=dark");
        assertThatThrownBy(() -> ShotSpec.parse("x type=\"\"")).hasMessageContaining("nothing after the =");
        assertThatThrownBy(() -> ShotSpec.parse("x type=\"ls -l")).hasMessageContaining("unclosed \"");
    }
}
