package io.isoscope.app.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Jackson writer that {@code inspect} used before the engine's {@link io.isoscope.engine.api.InspectDocument}
 * took over (records as objects of their components, instants as ISO-8601 text, four-space indent), kept as the
 * reference its output must stay identical to. Thread-safe (a configured ObjectWriter is immutable).
 */
final class JacksonInspectJson {

    private static final DefaultIndenter INDENT = new DefaultIndenter("    ", "\n");

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    JacksonInspectJson() {
        this.mapper = new ObjectMapper()
                // No java.time module is on the classpath; Instant.toString is already ISO-8601.
                .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
                // Only the record components: helpers such as isRunning() are not part of the record's data.
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(INDENT)
                .withArrayIndenter(INDENT);
        this.writer = mapper.writer(printer);
    }

    /** The fields of {@code value} (a record) as this writer writes them, in order. */
    Map<String, Object> fields(Object value) {
        return mapper.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** {@code value} as indented JSON, without a trailing newline. */
    String write(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
