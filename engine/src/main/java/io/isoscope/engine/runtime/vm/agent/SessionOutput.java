package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * What a console session's program printed, as the session's reader reads it: filled by the console line's reader
 * thread, drained by the session's user. Holds at most a limit unread; beyond it output is dropped rather than
 * stall the line, which every session of the VM shares. Thread-safe.
 */
final class SessionOutput extends InputStream {

    private final long limit;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int offset;
    private long buffered;
    private long dropped;
    private boolean ended;

    /** Keeps at most {@code limit} unread bytes. */
    SessionOutput(long limit) {
        this.limit = limit;
    }

    /** Adds what arrived; dropped when the reader is that far behind or the output has ended. */
    synchronized void deliver(byte[] bytes) {
        if (ended || bytes.length == 0) {
            return;
        }
        if (buffered + bytes.length > limit) {
            dropped += bytes.length;
            return;
        }
        chunks.add(bytes);
        buffered += bytes.length;
        notifyAll();
    }

    /** No more output comes: a reader gets what is left, then the end. Idempotent. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** How many bytes were dropped because nobody read them. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (chunks.isEmpty() && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the console's output");
            }
        }
        if (chunks.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < len && !chunks.isEmpty()) {
            byte[] head = chunks.peek();
            int take = Math.min(len - n, head.length - offset);
            System.arraycopy(head, offset, b, off + n, take);
            n += take;
            offset += take;
            if (offset == head.length) {
                chunks.poll();
                offset = 0;
            }
        }
        buffered -= n;
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    /** The reader gives up: what is buffered and what comes later is discarded. */
    @Override
    public synchronized void close() {
        chunks.clear();
        buffered = 0;
        offset = 0;
        end();
    }
}
