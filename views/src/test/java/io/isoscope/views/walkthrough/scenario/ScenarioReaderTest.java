package io.isoscope.views.walkthrough.scenario;

import io.isoscope.engine.api.Isolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScenarioReaderTest {

    private final ScenarioReader reader = new ScenarioReader();

    @TempDir
    Path dir;

    @Test
    void theBuiltInScenarioIsTheReferenceExampleInSevenSteps() throws Exception {
        Scenario s = reader.builtIn();

        assertThat(s.title()).contains("Hyper-V containers");
        assertThat(s.description()).isNotBlank();
        assertThat(s.steps()).hasSize(7).allSatisfy(step -> {
            assertThat(step.title()).isNotBlank();
            assertThat(step.notice()).isNotBlank();
        });
        assertThat(s.steps()).extracting(step -> step.action().getClass().getSimpleName()).containsExactly(
                "RunContainer", "ShowContainerTable", "HostLookup",
                "RunContainer", "ShowContainerTable", "HostLookup", "HostLookup");
        assertThat(s.steps().get(0).action()).isEqualTo(
                new RunContainer("process-ping", Isolation.PROCESS, "busybox", List.of("ping", "127.0.0.1")));
        assertThat(s.steps().get(3).action()).isEqualTo(
                new RunContainer("hyperv-ping", Isolation.HYPERV, "busybox", List.of("ping", "127.0.0.1")));
        assertThat(s.steps().get(2).action()).isEqualTo(new HostLookup("ping", Expectation.FOUND, "process-ping"));
        assertThat(s.steps().get(5).action()).isEqualTo(new HostLookup("ping", Expectation.NOT_FOUND, "hyperv-ping"));
        assertThat(s.steps().get(6).action()).isEqualTo(new HostLookup("vmwp", Expectation.FOUND, "hyperv-ping"));
    }

    @Test
    void aTrainersFileWithEveryActionIsRead() throws Exception {
        Path file = write("""
                {
                  "format": 1,
                  "title": "Remove and look again",
                  "presenterSeconds": 3,
                  "steps": [
                    {"title": "Run", "notice": "n1", "presenterSeconds": 0,
                     "action": {"type": "RUN_CONTAINER", "as": "web", "isolation": "Process", "image": "busybox",
                                "command": ["sleep", "600"]}},
                    {"title": "Inside", "notice": "n2", "action": {"type": "SHOW_CONTAINER_TABLE", "container": "web"}},
                    {"title": "On the host", "notice": "n3",
                     "action": {"type": "HOST_LOOKUP", "name": "sl*", "expect": "found"}},
                    {"title": "Remove", "notice": "n4", "action": {"type": "REMOVE_CONTAINER", "container": "web"}},
                    {"title": "Gone", "notice": "n5", "action": {"type": "HOST_LOOKUP", "name": "sleep", "expect": "not-found"}}
                  ]
                }""");

        Scenario s = reader.read(file);

        assertThat(s.title()).isEqualTo("Remove and look again");
        assertThat(s.description()).isEmpty();
        assertThat(s.presenterSeconds()).isEqualTo(3);
        assertThat(s.steps().get(0).presenterSeconds()).isZero();
        assertThat(s.steps().get(1).presenterSeconds()).isNull();
        assertThat(s.steps()).extracting(Step::action).containsExactly(
                new RunContainer("web", Isolation.PROCESS, "busybox", List.of("sleep", "600")),
                new ShowContainerTable("web"),
                new HostLookup("sl*", Expectation.FOUND, null),
                new RemoveContainer("web"),
                new HostLookup("sleep", Expectation.NOT_FOUND, null));
        assertThat(s.declaration("web")).isPresent();
        assertThat(s.declaration("db")).isEmpty();
    }

    @Test
    void brokenJsonSaysWhere() throws Exception {
        ScenarioException e = problem("{\n  \"title\": \"x\",\n  \"steps\": [\n}\n");

        assertThat(e.problems()).singleElement().asString()
                .startsWith("it is not valid JSON (line 4, column 1)").endsWith("fix the file's syntax");
        assertThat(e.getMessage()).startsWith("bad.json is not a usable walkthrough scenario: it is not valid JSON");
    }

    @Test
    void anEmptyFileOrAnotherKindOfJsonIsRefused() throws Exception {
        assertThat(problem("").problems()).singleElement().asString().startsWith("the file is empty");
        assertThat(problem("[1, 2]").problems()).singleElement().asString()
                .startsWith("the file must hold one JSON object");
    }

    @Test
    void missingTopLevelFieldsAreNamedWithAnExample() throws Exception {
        assertThat(problem("{}").problems()).containsExactly(
                "\"title\" is missing; add e.g. \"title\": \"Look for ping on the host\"",
                "\"steps\" is missing; add e.g. \"steps\": [{\"title\": ..., \"action\": {...}, \"notice\": ...}]");
        assertThat(problem("{\"title\": \"t\", \"steps\": []}").problems()).singleElement().asString()
                .startsWith("\"steps\" is empty; add at least one step");
    }

    @Test
    void anUnknownFieldIsRefusedWithTheLikelyMeaning() throws Exception {
        ScenarioException e = problem("""
                {"title": "t", "stepz": [], "steps": [
                  {"title": "Run", "notice": "n",
                   "action": {"type": "RUN_CONTAINER", "as": "a", "isolation": "process", "image": "busybox",
                              "comand": ["ping"], "command": ["ping", "127.0.0.1"]}}]}""");

        assertThat(e.problems()).containsExactly(
                "unknown field \"stepz\" (did you mean \"steps\"?); the fields of a scenario are format, title, "
                        + "description, presenterSeconds, steps",
                "step 1 (\"Run\"): unknown field \"comand\" (did you mean \"command\"?); the fields of a "
                        + "RUN_CONTAINER action are type, as, isolation, image, command");
    }

    @Test
    void anUnknownActionNamesTheKnownOnes() throws Exception {
        ScenarioException e = problem(oneStep("{\"type\": \"HOST_LOKUP\", \"name\": \"ping\", \"expect\": \"FOUND\"}"));

        assertThat(e.problems()).containsExactly("step 1 (\"S\"): unknown action \"HOST_LOKUP\" (did you mean "
                + "\"HOST_LOOKUP\"?); use one of RUN_CONTAINER, SHOW_CONTAINER_TABLE, HOST_LOOKUP, REMOVE_CONTAINER");
        assertThat(problem(oneStep("{\"name\": \"ping\"}")).problems()).containsExactly("step 1 (\"S\"): the action "
                + "has no \"type\"; use one of RUN_CONTAINER, SHOW_CONTAINER_TABLE, HOST_LOOKUP, REMOVE_CONTAINER");
    }

    @Test
    void missingAndMistypedActionFieldsAreEachReported() throws Exception {
        ScenarioException e = problem(oneStep(
                "{\"type\": \"RUN_CONTAINER\", \"as\": \"a\", \"isolation\": \"vm\", \"command\": \"ping 127.0.0.1\"}"));

        assertThat(e.problems()).containsExactly(
                "step 1 (\"S\"): \"isolation\": \"vm\" is not known; use \"process\" or \"hyperv\"",
                "step 1 (\"S\"): \"image\" is missing; add e.g. \"image\": \"busybox\"",
                "step 1 (\"S\"): \"command\" must be a list of words, e.g. \"command\": [\"ping\", \"127.0.0.1\"] rather "
                        + "than one text");
    }

    @Test
    void aStepWithoutTitleNoticeOrActionIsReported() throws Exception {
        ScenarioException e = problem("{\"title\": \"t\", \"steps\": [{\"presenterSeconds\": -1}]}");

        assertThat(e.problems()).containsExactly(
                "step 1: \"title\" is missing; add e.g. \"title\": \"Look for ping on the host\"",
                "step 1: \"notice\" is missing; add e.g. \"notice\": \"what the audience should see\"",
                "step 1: \"presenterSeconds\" must be a whole number from 0 to 600, not -1",
                "step 1: \"action\" is missing; add e.g. \"action\": {\"type\": \"HOST_LOOKUP\", \"name\": \"ping\", "
                        + "\"expect\": \"FOUND\"}");
    }

    @Test
    void aContainerMustBeDeclaredBeforeItIsUsed() throws Exception {
        ScenarioException e = problem("""
                {"title": "t", "steps": [
                  {"title": "Look", "notice": "n", "action": {"type": "SHOW_CONTAINER_TABLE", "container": "vm"}},
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "vm", "isolation": "hyperv",
                   "image": "busybox", "command": ["ping", "127.0.0.1"]}},
                  {"title": "Host", "notice": "n", "action": {"type": "HOST_LOOKUP", "name": "ping", "expect": "FOUND",
                   "container": "vn"}},
                  {"title": "Host", "notice": "n", "action": {"type": "HOST_LOOKUP", "name": "ping", "expect": "FOUND",
                   "container": "db"}}
                ]}""");

        assertThat(e.problems()).containsExactly(
                "step 1 (\"Look\"): container \"vm\" is not declared yet: step 2 starts it, which is too late; move "
                        + "that step before this one",
                "step 3 (\"Host\"): container \"vn\" is not declared; start it first with a RUN_CONTAINER step whose "
                        + "\"as\" is \"vn\" (did you mean \"vm\"?) (declared so far: vm)",
                "step 4 (\"Host\"): container \"db\" is not declared; start it first with a RUN_CONTAINER step whose "
                        + "\"as\" is \"db\" (declared so far: vm)");
    }

    @Test
    void aRemovedContainerCannotBeUsedAgainNorAnAliasDeclaredTwice() throws Exception {
        ScenarioException e = problem("""
                {"title": "t", "steps": [
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "a", "isolation": "process",
                   "image": "busybox", "command": ["ping", "127.0.0.1"]}},
                  {"title": "Again", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "a", "isolation": "process",
                   "image": "busybox", "command": ["ping", "127.0.0.1"]}},
                  {"title": "Rm", "notice": "n", "action": {"type": "REMOVE_CONTAINER", "container": "a"}},
                  {"title": "Top", "notice": "n", "action": {"type": "SHOW_CONTAINER_TABLE", "container": "a"}}
                ]}""");

        assertThat(e.problems()).containsExactly(
                "step 2 (\"Again\"): \"as\": \"a\" is already used by step 1; give each container its own alias",
                "step 4 (\"Top\"): container \"a\" was removed by step 3; it cannot be used after that (move this "
                        + "step before it, or start another container)");
    }

    @Test
    void aBadExpectationAliasOrProcessNameIsExplained() throws Exception {
        ScenarioException e = problem("""
                {"title": "t", "steps": [
                  {"title": "Run", "notice": "n", "action": {"type": "RUN_CONTAINER", "as": "my box",
                   "isolation": "process", "image": "busybox", "command": ["ping", 1]}},
                  {"title": "Host", "notice": "n", "action": {"type": "HOST_LOOKUP", "name": "ping -t", "expect": "maybe"}}
                ]}""");

        assertThat(e.problems()).containsExactly(
                "step 1 (\"Run\"): \"as\": \"my box\" may hold only letters, digits, '_', '.' and '-' (up to 40, "
                        + "starting with a letter or digit): it becomes part of the container's name",
                "step 1 (\"Run\"): \"command\" must hold only texts in quotes, not 1; e.g. \"command\": [\"ping\", \"127.0.0.1\"]",
                "step 2 (\"Host\"): \"name\" \"ping -t\" holds a space; give one process name, as get-process -Name "
                        + "takes it (wildcards * and ? allowed)",
                "step 2 (\"Host\"): \"expect\": \"maybe\" is not known; use \"FOUND\" or \"NOT_FOUND\"");
    }

    @Test
    void aNewerFormatIsRefused() throws Exception {
        ScenarioException e = problem("{\"format\": 2, \"title\": \"t\", \"steps\": [{\"title\": \"S\", \"notice\": \"n\","
                + " \"action\": {\"type\": \"HOST_LOOKUP\", \"name\": \"ping\", \"expect\": \"FOUND\"}}]}");

        assertThat(e.problems()).containsExactly("\"format\" is 2, but this Isoscope reads format 1; write the "
                + "scenario in format 1 or update Isoscope");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        assertThat(problem("{\"title\": \"a\", \"title\": \"b\", \"steps\": []}").problems()).singleElement()
                .asString().startsWith("it is not valid JSON (line 1").contains("Duplicate field 'title'");
    }

    @Test
    void aMissingDirectoryOrHugeFileIsRefusedBeforeParsing() throws Exception {
        ScenarioException missing = catchThrowableOfType(ScenarioException.class,
                () -> reader.read(dir.resolve("nope.json")));
        assertThat(missing.problems()).containsExactly("there is no such file: " + dir.resolve("nope.json"));

        ScenarioException directory = catchThrowableOfType(ScenarioException.class, () -> reader.read(dir));
        assertThat(directory.problems()).containsExactly("it is a directory; choose a .json file");

        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[ScenarioReader.MAX_BYTES + 1]);
        ScenarioException tooBig = catchThrowableOfType(ScenarioException.class, () -> reader.read(huge));
        assertThat(tooBig.problems()).singleElement().asString().startsWith("it is larger than 1 MiB");
    }

    @Test
    void everyProblemIsListedInTheMessage() throws Exception {
        ScenarioException e = problem("{\"steps\": [{}]}");

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).startsWith("bad.json is not a usable walkthrough scenario (4 problems):\n• ")
                .contains("\n• step 1: \"action\" is missing");
    }

    @Test
    void streamsAreReadToo() throws Exception {
        Scenario s = reader.read("inline", new ByteArrayInputStream(oneStep(
                "{\"type\": \"HOST_LOOKUP\", \"name\": \"vmwp\", \"expect\": \"FOUND\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(s.steps()).singleElement().extracting(Step::action)
                .isEqualTo(new HostLookup("vmwp", Expectation.FOUND, null));
    }

    private static String oneStep(String action) {
        return "{\"title\": \"t\", \"steps\": [{\"title\": \"S\", \"notice\": \"n\", \"action\": " + action + "}]}";
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, json);
        return file;
    }

    private ScenarioException problem(String json) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> reader.read(file));
        assertThat(e).as("a problem with " + json).isNotNull();
        assertThat(e.source()).isEqualTo("bad.json");
        return e;
    }
}
