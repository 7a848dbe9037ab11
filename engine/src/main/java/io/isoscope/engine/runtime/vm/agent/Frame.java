package io.isoscope.engine.runtime.vm.agent;

import java.util.Arrays;
import java.util.List;

/**
 * One message of the guest agent protocol: a type (see {@link FrameType}) and its payload strings, plus raw bytes
 * for the data frames (INPUT, OUTPUT), whose two strings are the session and the stream. Immutable, thread-safe
 * (the data array is copied in and out).
 *
 * @param type    the type byte, 0 to 255
 * @param strings the payload strings; none may contain NUL, which terminates each on the wire
 * @param data    the raw bytes after the strings: empty except in data frames
 */
public record Frame(int type, List<String> strings, byte[] data) {

    private static final byte[] NONE = new byte[0];

    /** Checks the type's range, that every string can travel NUL-terminated, and the shape of data frames. */
    public Frame {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("frame type " + type + " is not a byte");
        }
        strings = List.copyOf(strings);
        for (String s : strings) {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a frame string cannot contain NUL: " + s.replace('\0', '?'));
            }
        }
        data = data.length == 0 ? NONE : data.clone();
        if (FrameType.isData(type) ? strings.size() != 2 : data.length > 0) {
            throw new IllegalArgumentException("a " + FrameType.name(type) + " frame carries "
                    + (FrameType.isData(type) ? "a session, a stream and bytes" : "strings only"));
        }
    }

    /** A frame of strings only. */
    public Frame(int type, List<String> strings) {
        this(type, strings, NONE);
    }

    /** A frame of {@code type} carrying {@code strings}. */
    public static Frame of(int type, String... strings) {
        return new Frame(type, List.of(strings));
    }

    /** A data frame (INPUT or OUTPUT) of {@code session}'s {@code stream} carrying {@code bytes}. */
    public static Frame data(int type, long session, int stream, byte[] bytes) {
        return new Frame(type, List.of(Long.toString(session), Integer.toString(stream)), bytes);
    }

    /** The raw bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** How many raw bytes the frame carries. */
    public int dataLength() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && f.strings.equals(strings) && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return (type * 31 + strings.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return FrameType.name(type) + strings + (data.length > 0 ? " + " + data.length + " bytes" : "");
    }
}
