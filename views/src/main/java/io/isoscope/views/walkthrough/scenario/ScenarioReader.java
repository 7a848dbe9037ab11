package io.isoscope.views.walkthrough.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads walkthrough scenarios (JSON, format {@value Scenario#FORMAT}) into {@link Scenario} records and checks them
 * as a whole: every problem (unknown field or action, missing or mistyped field, a container used before it is
 * declared or after it is removed) is reported at once, each with what to write instead. Thread-safe.
 */
public final class ScenarioReader {

    /** The built-in scenario: Microsoft's Hyper-V containers isolation example. */
    public static final String BUILT_IN = "hyperv-containers.json";
    /** Where the build puts the top-level resources/walkthrough/*.json on the class path. */
    static final String RESOURCE_DIR = "/io/isoscope/views/walkthrough/scenarios/";
    /** A scenario is a small hand-written file; anything bigger is the wrong file. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_PRESENTER_SECONDS = 600;
    private static final int DEFAULT_PRESENTER_SECONDS = 8;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    private static final List<String> TOP_FIELDS = List.of("format", "title", "description", "presenterSeconds", "steps");
    private static final List<String> STEP_FIELDS = List.of("title", "action", "notice", "presenterSeconds");
    private static final Map<String, List<String>> ACTION_FIELDS = actionFields();
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("title", "\"title\": \"Look for ping on the host\""),
            Map.entry("steps", "\"steps\": [{\"title\": ..., \"action\": {...}, \"notice\": ...}]"),
            Map.entry("action", "\"action\": {\"type\": \"HOST_LOOKUP\", \"name\": \"ping\", \"expect\": \"FOUND\"}"),
            Map.entry("notice", "\"notice\": \"what the audience should see\""),
            Map.entry("as", "\"as\": \"process-ping\""),
            Map.entry("isolation", "\"isolation\": \"process\" (or \"hyperv\")"),
            Map.entry("image", "\"image\": \"busybox\""),
            Map.entry("command", "\"command\": [\"ping\", \"127.0.0.1\"]"),
            Map.entry("container", "\"container\": \"process-ping\" (the \"as\" of an earlier RUN_CONTAINER step)"),
            Map.entry("name", "\"name\": \"ping\""),
            Map.entry("expect", "\"expect\": \"FOUND\" (or \"NOT_FOUND\")"));

    private final ObjectReader json;

    /** A reader parsing with {@code mapper} (duplicate keys are rejected, as they are surely a mistake). */
    public ScenarioReader(ObjectMapper mapper) {
        this.json = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** A reader with a plain {@link ObjectMapper}. */
    public ScenarioReader() {
        this(new ObjectMapper());
    }

    /** The built-in scenario from the class path. Thread-safe. */
    public Scenario builtIn() throws ScenarioException {
        InputStream in = ScenarioReader.class.getResourceAsStream(RESOURCE_DIR + BUILT_IN);
        if (in == null) {
            throw new ScenarioException(BUILT_IN, List.of("it is missing from the application's class path "
                    + "(the build copies resources/walkthrough/ there): rebuild the application"));
        }
        try (in) {
            return read(BUILT_IN, in);
        } catch (IOException e) {
            throw new ScenarioException(BUILT_IN, List.of("it cannot be read: " + e.getMessage()));
        }
    }

    /** The scenario in {@code file}. Blocking file I/O; thread-safe. */
    public Scenario read(Path file) throws ScenarioException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(source, List.of("it is a directory; choose a .json file"));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(source, List.of("it is larger than 1 MiB; a scenario is a small JSON "
                        + "file (is this the right file?)"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(source, in);
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(source, List.of("there is no such file: " + file));
        } catch (IOException e) {
            throw new ScenarioException(source, List.of("it cannot be read (" + e.getMessage() + ")"));
        }
    }

    /** The scenario in {@code in}, called {@code source} in messages. Thread-safe. */
    public Scenario read(String source, InputStream in) throws ScenarioException, IOException {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, List.of("it is not valid JSON" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; fix the file's syntax"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(source, List.of("the file is empty; it must hold one JSON object "
                    + "with a \"title\" and \"steps\""));
        }
        List<String> problems = new ArrayList<>();
        Scenario scenario = new Parse(problems).scenario(root);
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return scenario;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** One pass over a tree, collecting problems rather than stopping at the first. Not thread-safe. */
    private static final class Parse {

        private final List<String> problems;
        /** Alias → the step that declares it, and the step that removed it (if any), as the steps go by. */
        private final Map<String, Integer> declared = new LinkedHashMap<>();
        private final Map<String, Integer> removed = new HashMap<>();
        /** Every alias anywhere in the file, to tell "declared later" from "never declared". */
        private final Map<String, Integer> declaredAnywhere = new HashMap<>();

        Parse(List<String> problems) {
            this.problems = problems;
        }

        Scenario scenario(JsonNode root) {
            if (!root.isObject()) {
                problems.add("the file must hold one JSON object: {\"title\": ..., \"steps\": [...]}");
                return null;
            }
            Fields top = new Fields("", root, problems);
            top.onlyKnown(TOP_FIELDS, "a scenario");
            Integer format = top.integer("format", 1, Integer.MAX_VALUE);
            if (format != null && format != Scenario.FORMAT) {
                problems.add("\"format\" is " + format + ", but this Isoscope reads format " + Scenario.FORMAT
                        + "; write the scenario in format " + Scenario.FORMAT + " or update Isoscope");
            }
            String title = top.text("title", true);
            String description = top.text("description", false);
            Integer seconds = top.integer("presenterSeconds", 0, MAX_PRESENTER_SECONDS);
            JsonNode stepNodes = top.required("steps");
            List<Step> steps = new ArrayList<>();
            if (stepNodes != null) {
                if (!stepNodes.isArray()) {
                    problems.add("\"steps\" must be a list of steps: " + EXAMPLES.get("steps"));
                } else if (stepNodes.isEmpty()) {
                    problems.add("\"steps\" is empty; add at least one step: " + EXAMPLES.get("steps"));
                } else {
                    prescan(stepNodes);
                    for (int i = 0; i < stepNodes.size(); i++) {
                        steps.add(step(i + 1, stepNodes.get(i)));
                    }
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new Scenario(title, description, seconds == null ? DEFAULT_PRESENTER_SECONDS : seconds, steps);
        }

        private void prescan(JsonNode stepNodes) {
            for (int i = 0; i < stepNodes.size(); i++) {
                JsonNode as = stepNodes.get(i).path("action").path("as");
                if (as.isTextual() && RunContainer.TYPE.equals(stepNodes.get(i).path("action").path("type").asText())) {
                    declaredAnywhere.putIfAbsent(as.asText(), i + 1);
                }
            }
        }

        private Step step(int number, JsonNode node) {
            String label = "step " + number;
            if (!node.isObject()) {
                problems.add(label + " must be an object: {\"title\": ..., \"action\": {...}, \"notice\": ...}");
                return null;
            }
            JsonNode titleNode = node.get("title");
            if (titleNode != null && titleNode.isTextual() && !titleNode.asText().isBlank()) {
                label += " (\"" + titleNode.asText().strip() + "\")";
            }
            Fields fields = new Fields(label, node, problems);
            fields.onlyKnown(STEP_FIELDS, "a step");
            String title = fields.text("title", true);
            String notice = fields.text("notice", true);
            Integer seconds = fields.integer("presenterSeconds", 0, MAX_PRESENTER_SECONDS);
            JsonNode actionNode = fields.required("action");
            StepAction action = null;
            if (actionNode != null) {
                if (!actionNode.isObject()) {
                    problems.add(label + ": \"action\" must be an object, e.g. " + EXAMPLES.get("action"));
                } else {
                    action = action(number, label, actionNode);
                }
            }
            return title == null || action == null ? null : new Step(title, action, notice, seconds);
        }

        private StepAction action(int number, String label, JsonNode node) {
            Fields fields = new Fields(label, node, problems);
            String type = fields.text("type", false);
            if (type == null) {
                if (!node.has("type")) {
                    problems.add(label + ": the action has no \"type\"; use one of " + String.join(", ", ACTION_FIELDS.keySet()));
                }
                return null;
            }
            List<String> known = ACTION_FIELDS.get(type);
            if (known == null) {
                problems.add(label + ": unknown action \"" + type + "\"" + suggestion(type, ACTION_FIELDS.keySet())
                        + "; use one of " + String.join(", ", ACTION_FIELDS.keySet()));
                return null;
            }
            List<String> withType = new ArrayList<>(known);
            withType.add(0, "type");
            fields.onlyKnown(withType, "a " + type + " action");
            switch (type) {
                case RunContainer.TYPE:
                    return runContainer(number, label, fields);
                case ShowContainerTable.TYPE: {
                    String container = reference(label, fields, true);
                    return container == null ? null : new ShowContainerTable(container);
                }
                case HostLookup.TYPE: {
                    String name = fields.text("name", true);
                    if (name != null && name.strip().contains(" ")) {
                        problems.add(label + ": \"name\" \"" + name + "\" holds a space; give one process name, as "
                                + "get-process -Name takes it (wildcards * and ? allowed)");
                        name = null;
                    }
                    Expectation expect = expectation(label, fields);
                    String container = reference(label, fields, false);
                    boolean containerOk = !node.has("container") || container != null;
                    return name == null || expect == null || !containerOk ? null
                            : new HostLookup(name.strip(), expect, container);
                }
                case RemoveContainer.TYPE: {
                    String container = reference(label, fields, true);
                    if (container != null) {
                        removed.put(container, number);
                    }
                    return container == null ? null : new RemoveContainer(container);
                }
                default:
                    throw new IllegalStateException("action type without a parser: " + type);
            }
        }

        private RunContainer runContainer(int number, String label, Fields fields) {
            String as = fields.text("as", true);
            if (as != null) {
                if (!ALIAS.matcher(as).matches()) {
                    problems.add(label + ": \"as\": \"" + as + "\" may hold only letters, digits, '_', '.' and '-' "
                            + "(up to 40, starting with a letter or digit): it becomes part of the container's name");
                    as = null;
                } else if (declared.containsKey(as)) {
                    problems.add(label + ": \"as\": \"" + as + "\" is already used by step " + declared.get(as)
                            + "; give each container its own alias");
                    as = null;
                } else {
                    declared.put(as, number);
                }
            }
            Isolation isolation = null;
            String isolationText = fields.text("isolation", true);
            if (isolationText != null) {
                try {
                    isolation = Isolation.parse(isolationText);
                } catch (EngineException e) {
                    problems.add(label + ": \"isolation\": \"" + isolationText + "\" is not known; use \"process\" or \"hyperv\"");
                }
            }
            String image = fields.text("image", true);
            List<String> command = fields.words("command");
            if (as == null || isolation == null || image == null || command == null) {
                return null;
            }
            return new RunContainer(as, isolation, image.strip(), command);
        }

        /** The alias in "container", checked against the containers declared (and not removed) so far. */
        private String reference(String label, Fields fields, boolean required) {
            String alias = fields.text("container", required);
            if (alias == null) {
                return null;
            }
            if (removed.containsKey(alias)) {
                problems.add(label + ": container \"" + alias + "\" was removed by step " + removed.get(alias)
                        + "; it cannot be used after that (move this step before it, or start another container)");
                return null;
            }
            if (!declared.containsKey(alias)) {
                Integer later = declaredAnywhere.get(alias);
                problems.add(label + ": container \"" + alias + "\" is not declared" + (later != null
                        ? " yet: step " + later + " starts it, which is too late; move that step before this one"
                        : "; start it first with a RUN_CONTAINER step whose \"as\" is \"" + alias + "\""
                        + suggestion(alias, declared.keySet()))
                        + (declared.isEmpty() ? "" : " (declared so far: " + String.join(", ", declared.keySet()) + ")"));
                return null;
            }
            return alias;
        }

        private Expectation expectation(String label, Fields fields) {
            String text = fields.text("expect", true);
            if (text == null) {
                return null;
            }
            try {
                return Expectation.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(label + ": \"expect\": \"" + text + "\" is not known; use \"FOUND\" or \"NOT_FOUND\"");
                return null;
            }
        }
    }

    /** Typed access to the fields of one JSON object, adding a problem for each missing or mistyped one. */
    private static final class Fields {

        private final String context;
        private final JsonNode node;
        private final List<String> problems;

        Fields(String context, JsonNode node, List<String> problems) {
            this.context = context;
            this.node = node;
            this.problems = problems;
        }

        void onlyKnown(List<String> known, String what) {
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    problems.add(prefix() + "unknown field \"" + name + "\"" + suggestion(name, known)
                            + "; the fields of " + what + " are " + String.join(", ", known));
                }
            });
        }

        JsonNode required(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                problems.add(prefix() + "\"" + name + "\" is missing; add e.g. " + EXAMPLES.get(name));
                return null;
            }
            return value;
        }

        String text(String name, boolean required) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add(prefix() + "\"" + name + "\" is missing; add e.g. " + EXAMPLES.get(name));
                }
                return null;
            }
            if (!value.isTextual()) {
                problems.add(prefix() + "\"" + name + "\" must be a text in quotes" + example(name));
                return null;
            }
            if (value.asText().isBlank()) {
                problems.add(prefix() + "\"" + name + "\" is empty" + example(name));
                return null;
            }
            return value.asText();
        }

        Integer integer(String name, int min, int max) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
                problems.add(prefix() + "\"" + name + "\" must be a whole number" + (max == Integer.MAX_VALUE
                        ? " of at least " + min : " from " + min + " to " + max) + ", not " + value);
                return null;
            }
            return value.asInt();
        }

        List<String> words(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                problems.add(prefix() + "\"" + name + "\" is missing; add e.g. " + EXAMPLES.get(name));
                return null;
            }
            if (!value.isArray()) {
                problems.add(prefix() + "\"" + name + "\" must be a list of words, e.g. " + EXAMPLES.get(name)
                        + (value.isTextual() ? " rather than one text" : ""));
                return null;
            }
            if (value.isEmpty()) {
                problems.add(prefix() + "\"" + name + "\" is empty; give at least the program, e.g. " + EXAMPLES.get(name));
                return null;
            }
            List<String> words = new ArrayList<>();
            for (JsonNode word : value) {
                if (!word.isTextual()) {
                    problems.add(prefix() + "\"" + name + "\" must hold only texts in quotes, not " + word
                            + "; e.g. " + EXAMPLES.get(name));
                    return null;
                }
                words.add(word.asText());
            }
            return words;
        }

        private String example(String name) {
            return EXAMPLES.containsKey(name) ? "; e.g. " + EXAMPLES.get(name) : "";
        }

        private String prefix() {
            return context.isEmpty() ? "" : context + ": ";
        }
    }

    private static Map<String, List<String>> actionFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(RunContainer.TYPE, List.of("as", "isolation", "image", "command"));
        fields.put(ShowContainerTable.TYPE, List.of("container"));
        fields.put(HostLookup.TYPE, List.of("name", "expect", "container"));
        fields.put(RemoveContainer.TYPE, List.of("container"));
        return fields;
    }

    /** ' (did you mean "X"?)' for a likely typo of one of {@code known}, else empty. */
    static String suggestion(String typed, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(1, typed.length() / 4)
                ? " (did you mean \"" + best + "\"?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
