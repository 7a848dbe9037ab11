package io.isoscope.engine.api;

/** The stream a log line came from. */
public enum LogStream {
    /** Standard output (and everything a TTY shows). */
    STDOUT,
    /** Standard error. */
    STDERR
}
