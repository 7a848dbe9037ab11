package io.isoscope.engine.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that turns the store's JSON documents into records and back. Thread-safe (the mapper is
 * configured once, then only used).
 */
final class OciJson {

    private final ObjectMapper mapper = new ObjectMapper()
            // Other tools may add fields (platform, annotations, history); they must not make a document unreadable.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Compact UTF-8 JSON for {@code value}; the bytes are what gets digested, so the output must be stable. */
    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses {@code bytes} as {@code type}; a malformed document is an {@link IOException} naming {@code what}. */
    <T> T read(byte[] bytes, Class<T> type, String what) throws IOException {
        T value;
        try {
            value = mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new IOException(what + " is malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new IOException(what + " is malformed: it is JSON null");
        }
        return value;
    }
}
