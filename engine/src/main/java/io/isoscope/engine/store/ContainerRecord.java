package io.isoscope.engine.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.ResourceLimits;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shape of a container's record file: {@link ContainerInfo} with times as ISO-8601 text, the limits as
 * three numbers, and a format version. Unknown fields are ignored so that a record written by a newer Isoscope can
 * still be read back; fields added since format 1 ({@code tty}, {@code env}, the limits) are optional, absent in
 * an older record (false, or unknown: {@code null}). Immutable, thread-safe.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ContainerRecord(int format, String id, String name, String image, String imageDigest, List<String> command,
                       String isolation, String state, Integer exitCode, Long hostPid, String createdAt,
                       String startedAt, String finishedAt, String reason, boolean autoRemove, String runtime,
                       boolean tty, List<String> env, Long memoryBytes, Long nanoCpus, Long pidsLimit) {

    /** The format this build writes. */
    static final int FORMAT = 1;

    /** The record of {@code c}. */
    static ContainerRecord of(ContainerInfo c) {
        return new ContainerRecord(FORMAT, c.id(), c.name(), c.image(), c.imageDigest(), c.command(),
                c.isolation().name(), c.state().name(), c.exitCode(), c.hostPid(), c.createdAt().toString(),
                text(c.startedAt()), text(c.finishedAt()), c.reason(), c.autoRemove(), c.runtime(), c.tty(), c.env(),
                c.limits() == null ? null : c.limits().memoryBytes(), c.limits() == null ? null : c.limits().nanoCpus(),
                c.limits() == null ? null : c.limits().pidsLimit());
    }

    /** The container this record describes; throws {@link IllegalArgumentException} naming a missing or bad field. */
    ContainerInfo toInfo() {
        return new ContainerInfo(required("id", id), required("name", name), required("image", image), imageDigest,
                required("command", command), Isolation.valueOf(required("isolation", isolation)),
                ContainerState.valueOf(required("state", state)), exitCode, hostPid,
                instant("createdAt", required("createdAt", createdAt)), instant("startedAt", startedAt),
                instant("finishedAt", finishedAt), reason, autoRemove, runtime, tty, env, limits());
    }

    /** The limits, or {@code null} (unknown) when the record does not hold all three. */
    private ResourceLimits limits() {
        if (memoryBytes == null || nanoCpus == null || pidsLimit == null) {
            return null;
        }
        try {
            return new ResourceLimits(memoryBytes, nanoCpus, pidsLimit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the limits are not 0 or positive numbers: " + e.getMessage(), e);
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("the field \"" + field + "\" is missing");
        }
        return value;
    }

    private static Instant instant(String field, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("the field \"" + field + "\" is not a time: " + text, e);
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
