package io.isoscope.views.events;

import java.time.Instant;

/**
 * One event of the timeline. Immutable, thread-safe.
 *
 * @param time        when it happened
 * @param timeText    that time as shown
 * @param type        what happened, as shown on its badge (e.g. "Died")
 * @param containerId the full id of the container (it may have been removed since)
 * @param name        the container's name at the time
 * @param detail      more about it (e.g. "exit code 137", the image it was created from), or empty
 */
public record EventRow(Instant time, String timeText, String type, String containerId, String name, String detail) {

    /** The first 12 hex digits of the container's id, as docker prints it. */
    public String shortId() {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
