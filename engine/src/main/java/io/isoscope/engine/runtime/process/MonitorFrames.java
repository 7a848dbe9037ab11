package io.isoscope.engine.runtime.process;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The framing of a monitor's console socket (resources/shim/PROTOCOL.md): a type byte, a big-endian 32-bit
 * length, the payload. Reads come from one thread at a time and writes from any (they are serialised); reading
 * may block, except while a deadline is given.
 */
final class MonitorFrames {

    static final byte HELLO = 'H';
    static final byte STARTED = 'S';
    static final byte STDOUT = 'o';
    static final byte STDERR = 'E';
    static final byte EXIT = 'x';
    static final byte FAILED = 'F';
    static final byte INPUT = 'i';
    static final byte EOF = 'e';
    static final byte RESIZE = 'w';
    static final byte DISOWN = 'd';

    /** How the monitor's first words start; its protocol version follows ("isoscope-shim 1"). */
    static final String HELLO_PREFIX = "isoscope-shim ";
    /** The largest payload either side sends. */
    static final int MAX_PAYLOAD = 65536;

    /** One frame. */
    record Frame(byte type, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(5 + MAX_PAYLOAD).flip();
    private final Object writeLock = new Object();

    MonitorFrames(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The next frame, blocking; null at the end of the stream. */
    Frame read() throws IOException {
        return read(0);
    }

    /**
     * The next frame; null at the end of the stream. With a deadline ({@link System#nanoTime()}, non-zero) the
     * channel must be non-blocking, and {@link SocketTimeoutException} ends a wait past it.
     */
    Frame read(long deadline) throws IOException {
        if (!fill(5, deadline)) {
            return null;
        }
        byte type = in.get(in.position());
        int length = in.getInt(in.position() + 1);
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("the container's monitor sent a garbled frame (length " + length + ")");
        }
        if (!fill(5 + length, deadline)) {
            throw new EOFException("the container's monitor closed the connection in the middle of a frame");
        }
        in.position(in.position() + 5);
        byte[] payload = new byte[length];
        in.get(payload);
        return new Frame(type, payload);
    }

    /** Sends one frame (a payload over the limit is split into several of the same type). */
    void write(byte type, byte[] data, int off, int len) throws IOException {
        synchronized (writeLock) {
            do {
                int n = Math.min(len, MAX_PAYLOAD);
                ByteBuffer b = ByteBuffer.allocate(5 + n).put(type).putInt(n).put(data, off, n).flip();
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                off += n;
                len -= n;
            } while (len > 0);
        }
    }

    void write(byte type, byte[] data) throws IOException {
        write(type, data, 0, data.length);
    }

    /** Makes {@code need} bytes available from the current position; false at a clean end of the stream. */
    private boolean fill(int need, long deadline) throws IOException {
        if (in.remaining() >= need) {
            return true;
        }
        in.compact();
        try {
            while (in.position() < need) {
                int r = channel.read(in);
                if (r < 0) {
                    return false;
                } else if (r == 0 && deadline != 0) {
                    await(deadline);
                }
            }
            return true;
        } finally {
            in.flip();
        }
    }

    private void await(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the container's monitor did not answer in time");
        }
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
