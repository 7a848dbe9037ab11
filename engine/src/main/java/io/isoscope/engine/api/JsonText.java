package io.isoscope.engine.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Writes values as indented JSON the way {@code docker inspect} lays it out (four spaces, {@code "key": value},
 * {@code []} and {@code {}} when empty): records as objects of their components, so a component added to
 * {@link ContainerInfo} shows up without touching this; collections as arrays, maps as objects, enums by name,
 * numbers and booleans as themselves, anything else (e.g. an {@code Instant}) as its text. The API stays free of a
 * JSON library, so this is the one hand-written writer. Not thread-safe (it holds the text being built); make one
 * per document.
 */
final class JsonText {

    private static final String INDENT = "    ";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder();

    /** {@code value} as JSON text. */
    String write(Object value) {
        value(value, 0);
        return out.toString();
    }

    private void value(Object value, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            string(e.name());
        } else if (value instanceof Record r) {
            record(r, level);
        } else if (value instanceof Collection<?> c) {
            array(c, level);
        } else if (value instanceof Map<?, ?> m) {
            map(m, level);
        } else {
            string(value.toString());
        }
    }

    private void record(Record r, int level) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        if (components.length == 0) {
            out.append("{}");
            return;
        }
        out.append('{');
        for (int i = 0; i < components.length; i++) {
            out.append(i == 0 ? "" : ",");
            field(components[i].getName(), component(r, components[i]), level + 1);
        }
        newline(level);
        out.append('}');
    }

    private void map(Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            field(String.valueOf(e.getKey()), e.getValue(), level + 1);
        }
        newline(level);
        out.append('}');
    }

    private void field(String name, Object value, int level) {
        newline(level);
        string(name);
        out.append(": ");
        value(value, level);
    }

    private void array(Collection<?> c, int level) {
        if (c.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object element : c) {
            out.append(first ? "" : ",");
            first = false;
            newline(level + 1);
            value(element, level + 1);
        }
        newline(level);
        out.append(']');
    }

    private void newline(int level) {
        out.append('\n');
        out.append(INDENT.repeat(level));
    }

    /** A JSON string: quotes, backslashes and control characters escaped; everything else as it is. */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The value of component {@code c} of {@code r}. */
    static Object component(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
