package io.isoscope.engine.runtime.vm.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A unix socket connection read and written with deadlines. Socket timeouts do not apply to channels, so the channel
 * is non-blocking and waits happen in a {@link Selector} bounded by the time left. Not thread-safe.
 */
final class FrameChannel implements ByteSource, Closeable {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private FrameChannel(SocketChannel channel, Selector selector) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /** Connects to the unix socket at {@code socket}, giving up with an IOException at {@code deadlineNanos}. */
    static FrameChannel open(Path socket, long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            FrameChannel frames = new FrameChannel(channel, selector);
            // Non-blocking, because a unix connect to a listener with a full backlog would block indefinitely.
            boolean connected = channel.connect(UnixDomainSocketAddress.of(socket));
            while (!connected) {
                if (!frames.await(SelectionKey.OP_CONNECT, deadlineNanos)) {
                    throw new IOException("the connection is still pending");
                }
                connected = channel.finishConnect();
            }
            return frames;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    @Override
    public int read(ByteBuffer dst, long deadlineNanos) throws IOException {
        while (true) {
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            if (!await(SelectionKey.OP_READ, deadlineNanos)) {
                return 0;
            }
        }
    }

    /** Writes all of {@code src}; returns false if the deadline passed first (then part of it may have been sent). */
    boolean write(ByteBuffer src, long deadlineNanos) throws IOException {
        while (src.hasRemaining()) {
            if (channel.write(src) == 0 && !await(SelectionKey.OP_WRITE, deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the channel may be ready for {@code op}; false once the deadline has passed. */
    private boolean await(int op, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        if (Thread.currentThread().isInterrupted()) {
            // select() returns at once for an interrupted thread: fail rather than spin until the deadline.
            throw new InterruptedIOException("interrupted while waiting for the guest agent");
        }
        key.interestOps(op);
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
        selector.selectedKeys().clear();
        return true;
    }

    /**
     * Hands the connection over to blocking use (a reader thread and writers of their own) and gives up this
     * object's selector; this object must not be used afterwards.
     */
    SocketChannel toBlocking() throws IOException {
        selector.close(); // deregisters the channel, which may then block
        channel.configureBlocking(true);
        return channel;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
