package io.isoscope.engine.api;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code isoscope inspect} prints for some containers: a JSON array with one object per {@link ContainerInfo}
 * (its record components in order, times as ISO-8601 text, enums by name), then docker's {@code Config} and
 * {@code HostConfig} sections with docker's field names and shapes ({@code Env} as {@code ["K=V"]}, {@code Memory}
 * in bytes, 0 = unlimited); indented with four spaces like {@code docker inspect}. Environment values are shown as
 * they are, secrets included, as docker does. The CLI prints it and the GUI's Details view shows it, so both say
 * the same. Immutable, thread-safe.
 *
 * @param containers the containers, in the order asked for
 */
public record InspectDocument(List<ContainerInfo> containers) {

    /** Components shown only inside docker's sections, in docker's shape. */
    private static final Set<String> IN_SECTIONS = Set.of("env", "limits");

    /** Copies the list. */
    public InspectDocument {
        containers = List.copyOf(containers);
    }

    /** The document of one container. */
    public static InspectDocument of(ContainerInfo container) {
        return new InspectDocument(List.of(container));
    }

    /** The JSON text, without a trailing newline. */
    public String json() {
        return new JsonText().write(containers.stream().map(InspectDocument::object).toList());
    }

    /**
     * One container's object: the components (so that one added to {@link ContainerInfo} shows up without touching
     * this), then {@code Config} and {@code HostConfig}. What an older Isoscope did not record is {@code null}.
     */
    private static Map<String, Object> object(ContainerInfo c) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (RecordComponent rc : ContainerInfo.class.getRecordComponents()) {
            if (!IN_SECTIONS.contains(rc.getName())) {
                o.put(rc.getName(), JsonText.component(c, rc));
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Cmd", c.command());
        config.put("Env", c.env());
        config.put("Tty", c.tty());
        o.put("Config", config);
        ResourceLimits limits = c.limits();
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("Isolation", c.isolation().dockerName());
        host.put("Memory", limits == null ? null : limits.memoryBytes());
        host.put("NanoCpus", limits == null ? null : limits.nanoCpus());
        host.put("PidsLimit", limits == null ? null : limits.pidsLimit());
        o.put("HostConfig", host);
        return o;
    }
}
