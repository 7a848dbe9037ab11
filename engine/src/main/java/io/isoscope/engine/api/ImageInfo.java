package io.isoscope.engine.api;

import java.time.Instant;

/**
 * An image in the store. Immutable, thread-safe.
 *
 * @param reference normalised reference, e.g. {@code busybox:latest}
 * @param digest    manifest digest {@code sha256:...}
 * @param sizeBytes compressed size of its layers
 * @param created   when it was made
 */
public record ImageInfo(String reference, String digest, long sizeBytes, Instant created) {
}
