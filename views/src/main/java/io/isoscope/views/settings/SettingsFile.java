package io.isoscope.views.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The settings as a JSON file (by default {@code ~/.config/isoscope/settings.json}), written atomically (a temporary
 * file beside it, then a rename). A file that is not JSON is moved aside to {@code settings.json.corrupt-<UTC time>}
 * and the defaults are used; single values that cannot be used fall back to their defaults. Reading never throws.
 * The file is read once: later {@link #load()} calls return what was read or last saved, so the app and its window
 * see the same settings and any problem is reported once. Thread-safe.
 */
public final class SettingsFile implements SettingsStore {

    /** The environment variable naming the settings file, e.g. for tests or a second profile. */
    public static final String FILE_VARIABLE = "ISOSCOPE_SETTINGS";
    private static final int VERSION = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private LoadedSettings loaded;

    /** The settings in {@code file}; {@code clock} names a corrupt file moved aside. */
    public SettingsFile(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    /**
     * Where the settings live: {@code $ISOSCOPE_SETTINGS}, else {@code $XDG_CONFIG_HOME/isoscope/settings.json},
     * else {@code HOME/.config/isoscope/settings.json}.
     */
    public static Path defaultPath(Map<String, String> env, Path home) {
        String explicit = env.get(FILE_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("isoscope").resolve("settings.json");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public synchronized LoadedSettings load() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    @Override
    public synchronized void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = json.writeValueAsBytes(toJson(settings));
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(bytes));
                // On disk before the rename makes it the settings: a crash leaves the old file or the new one.
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        loaded = LoadedSettings.ok(settings);
    }

    private LoadedSettings read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return LoadedSettings.ok(Settings.DEFAULTS);
        } catch (IOException | RuntimeException e) {
            // Unreadable is not corrupt: the file stays where it is for the user to fix.
            return new LoadedSettings(Settings.DEFAULTS, "Could not read the settings file " + file + " ("
                    + e.getMessage() + "); the defaults are used until it can be read.", null);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            return corrupt("it is not valid JSON", e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return corrupt("it does not hold a JSON object", null);
        }
        return fromJson(root);
    }

    private LoadedSettings corrupt(String why, String detail) {
        String kept;
        try {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
            for (int n = 2; Files.exists(aside); n++) {
                aside = file.resolveSibling(aside.getFileName().toString().replaceFirst("(-\\d+)?$", "-" + n));
            }
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            kept = "It was moved aside to " + aside + ".";
        } catch (IOException | RuntimeException e) {
            kept = "It could not be moved aside (" + e.getMessage() + ") and will be replaced when settings are saved.";
        }
        return new LoadedSettings(Settings.DEFAULTS, "The settings file " + file + " could not be used: " + why + ". "
                + kept + " The default settings are used; open Settings to set them again.", detail);
    }

    private LoadedSettings fromJson(JsonNode root) {
        List<String> reset = new ArrayList<>();
        Settings d = Settings.DEFAULTS;
        Isolation isolation = value(root.path("defaultIsolation"), JsonNode::isTextual,
                n -> parseIsolation(n.asText()), d.defaultIsolation(), "defaultIsolation", "process or hyperv", reset);
        double refresh = value(root.path("refreshSeconds"), JsonNode::isNumber, JsonNode::asDouble,
                d.refreshSeconds(), "refreshSeconds", Settings.MIN_REFRESH + " to " + Settings.MAX_REFRESH, reset);
        if (!Settings.refreshInRange(refresh)) {
            reset.add("refreshSeconds " + refresh + " (use " + Settings.MIN_REFRESH + " to " + Settings.MAX_REFRESH + ")");
            refresh = d.refreshSeconds();
        }
        JsonNode vm = root.path("vm");
        int memory = value(vm.path("memoryMiB"), JsonNode::canConvertToInt, JsonNode::asInt, d.vmMemoryMiB(),
                "vm.memoryMiB", "a whole number of MiB", reset);
        if (!Settings.memoryInRange(memory)) {
            reset.add("vm.memoryMiB " + memory + " (use " + Settings.MIN_VM_MEMORY + " to " + Settings.MAX_VM_MEMORY + ")");
            memory = d.vmMemoryMiB();
        }
        int cpus = value(vm.path("cpus"), JsonNode::canConvertToInt, JsonNode::asInt, d.vmCpus(), "vm.cpus",
                "a whole number", reset);
        if (!Settings.cpusInRange(cpus)) {
            reset.add("vm.cpus " + cpus + " (use 1 to " + Settings.MAX_VM_CPUS + ")");
            cpus = d.vmCpus();
        }
        JsonNode paths = root.path("paths");
        String runc = value(paths.path("runc"), JsonNode::isTextual, JsonNode::asText, "", "paths.runc", "a path", reset);
        String qemu = value(paths.path("qemu"), JsonNode::isTextual, JsonNode::asText, "", "paths.qemu", "a path", reset);
        String guest = value(paths.path("guestDir"), JsonNode::isTextual, JsonNode::asText, "", "paths.guestDir", "a path", reset);
        Theme theme = value(root.path("theme"), JsonNode::isTextual, n -> Theme.parse(n.asText()), d.theme(), "theme",
                "light or dark", reset);
        Set<String> hidden = value(root.path("hostTable").path("hiddenColumns"), SettingsFile::isTextArray,
                SettingsFile::texts, d.hiddenHostColumns(), "hostTable.hiddenColumns",
                "a list of column names", reset);
        Settings settings = new Settings(isolation, refresh, memory, cpus, runc, qemu, guest, theme, hidden);
        if (reset.isEmpty()) {
            return LoadedSettings.ok(settings);
        }
        return new LoadedSettings(settings, "Some values in the settings file " + file + " could not be used and were"
                + " reset to their defaults: " + String.join("; ", reset) + ". Open Settings to set them again.", null);
    }

    /** The value of {@code node}, or {@code fallback} when it is absent (quietly) or unusable (noted in {@code reset}). */
    private static <T> T value(JsonNode node, Predicate<JsonNode> rightType, Function<JsonNode, T> read, T fallback,
                               String name, String expected, List<String> reset) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (rightType.test(node)) {
            try {
                return read.apply(node);
            } catch (IllegalArgumentException | EngineException e) {
                // falls through to the note below
            }
        }
        reset.add(name + " " + node + " (use " + expected + ")");
        return fallback;
    }

    private static boolean isTextArray(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Isolation parseIsolation(String text) {
        return Isolation.parse(text);
    }

    private ObjectNode toJson(Settings s) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("defaultIsolation", s.defaultIsolation().dockerName());
        root.put("refreshSeconds", s.refreshSeconds());
        ObjectNode vm = root.putObject("vm");
        vm.put("memoryMiB", s.vmMemoryMiB());
        vm.put("cpus", s.vmCpus());
        ObjectNode paths = root.putObject("paths");
        paths.put("runc", s.runcPath());
        paths.put("qemu", s.qemuPath());
        paths.put("guestDir", s.guestDir());
        root.put("theme", s.theme().fileName());
        ArrayNode hidden = root.putObject("hostTable").putArray("hiddenColumns");
        // Sorted, so that the file does not change when the set's order does.
        new TreeSet<>(s.hiddenHostColumns()).forEach(hidden::add);
        return root;
    }
}
