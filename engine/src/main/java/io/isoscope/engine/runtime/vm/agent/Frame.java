package io.isoscope.engine.runtime.vm.agent;

import java.util.List;

/**
 * One message of the guest agent protocol: a type (see {@link FrameType}) and its payload strings. Immutable,
 * thread-safe.
 *
 * @param type    the type byte, 0 to 255
 * @param strings the payload strings; none may contain NUL, which terminates each on the wire
 */
public record Frame(int type, List<String> strings) {

    /** Checks the type's range and that every string can travel NUL-terminated. */
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
    }

    /** A frame of {@code type} carrying {@code strings}. */
    public static Frame of(int type, String... strings) {
        return new Frame(type, List.of(strings));
    }
}
