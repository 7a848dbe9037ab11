package io.isoscope.views.console;

import io.isoscope.engine.api.ConsoleSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pumps one {@link ConsoleSession}: a reader thread collects its output and hands it to the UI executor in batches
 * (at most one hand-over waiting at a time, whatever the output rate; the reader waits when the UI falls far
 * behind), and a writer thread sends typed bytes and sizes in order without ever blocking the UI. Thread-safe.
 */
final class ConsoleConnection implements AutoCloseable {

    /** What the connection reports; called on the UI executor, output always before the end. */
    interface Listener {
        /** A batch of output, in order. */
        void output(ConsoleConnection from, byte[] bytes);

        /** The session's output ended: {@code failure} when reading it broke, null at a normal end. */
        void ended(ConsoleConnection from, OptionalInt exitCode, IOException failure);
    }

    /** Output waiting for the UI beyond which the reader pauses, so a flood cannot fill the heap. */
    private static final int MAX_PENDING = 1 << 18;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(ConsoleConnection.class.getName());

    private interface Write {
        void to(OutputStream out) throws IOException;
    }

    private static final Write STOP = out -> { };

    private final ConsoleSession session;
    private final Executor ui;
    private final Listener listener;
    private final BlockingQueue<Write> writes = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Thread reader;
    private final Thread writer;
    private boolean handOverQueued;
    private volatile boolean closed;

    /** A connection over {@code session} reporting to {@code listener} through {@code ui}; {@link #start()} it. */
    ConsoleConnection(ConsoleSession session, Executor ui, Listener listener) {
        this.session = session;
        this.ui = ui;
        this.listener = listener;
        int n = COUNT.incrementAndGet();
        reader = daemon(this::read, "isoscope-console-" + n + "-out");
        writer = daemon(this::write, "isoscope-console-" + n + "-in");
    }

    /** Starts pumping. Once. */
    void start() {
        reader.start();
        writer.start();
    }

    /** Sends {@code bytes} as typed, after what was sent before. Never blocks. */
    void send(byte[] bytes) {
        if (!closed && bytes.length > 0) {
            byte[] copy = bytes.clone();
            writes.add(out -> {
                out.write(copy);
                out.flush();
            });
        }
    }

    /** Tells the session the terminal's size, in order with what is typed. Never blocks. */
    void resize(int columns, int rows) {
        if (!closed) {
            writes.add(out -> session.resize(columns, rows));
        }
    }

    /** Detaches: closes the session, which ends the reader; may block as long as the session's close does. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writes.add(STOP);
        synchronized (lock) {
            lock.notifyAll();
        }
        session.close();
    }

    private void read() {
        IOException failure = null;
        byte[] buffer = new byte[8192];
        try {
            InputStream in = session.output();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                offer(buffer, n);
            }
        } catch (IOException e) {
            // A session closed under the read ends it like EOF; anything else is worth saying.
            failure = closed ? null : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException reason = failure;
        ui.execute(() -> {
            handOver();
            listener.ended(this, exitCode(), reason);
        });
        // The writer has nobody left to write to.
        writes.add(STOP);
    }

    private void offer(byte[] buffer, int n) throws InterruptedException {
        synchronized (lock) {
            while (pending.size() > MAX_PENDING && !closed) {
                lock.wait();
            }
            pending.write(buffer, 0, n);
            if (!handOverQueued) {
                handOverQueued = true;
                ui.execute(this::handOver);
            }
        }
    }

    /** On the UI thread: everything read so far, as one batch. */
    private void handOver() {
        byte[] bytes;
        synchronized (lock) {
            handOverQueued = false;
            bytes = pending.toByteArray();
            pending.reset();
            lock.notifyAll();
        }
        if (bytes.length > 0) {
            listener.output(this, bytes);
        }
    }

    private void write() {
        try {
            OutputStream out = session.input();
            while (true) {
                Write next = writes.take();
                if (next == STOP) {
                    return;
                }
                try {
                    next.to(out);
                } catch (IOException | RuntimeException e) {
                    // The session is going away; the reader reports how it ended.
                    LOG.log(System.Logger.Level.DEBUG, "console write failed: {0}", e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OptionalInt exitCode() {
        try {
            return session.exitCode();
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
