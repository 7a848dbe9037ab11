package io.isoscope.views.logs;

/**
 * One line of a container's output as the Logs view shows it. Immutable, thread-safe.
 *
 * @param seq    its place in the container's output since the view started reading it; tells equal lines apart
 * @param time   when it was written, as the view shows it, or empty when the log does not record times
 * @param stderr whether it came from standard error
 * @param text   the line, without its line break
 */
public record LogRow(long seq, String time, boolean stderr, String text) {
}
