package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where {@link FrameCodec} reads bytes, never waiting past a deadline. Implementations state their thread-safety. */
@FunctionalInterface
public interface ByteSource {

    /**
     * Reads at least one byte into {@code dst} (which has room), waiting no later than {@code deadlineNanos} (a
     * {@link System#nanoTime()} value); returns how many, {@code -1} once the stream has ended, or {@code 0} once the
     * deadline has passed with nothing read.
     */
    int read(ByteBuffer dst, long deadlineNanos) throws IOException;
}
