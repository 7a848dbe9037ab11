package io.isoscope.engine.runtime.vm.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for QEMU's end of {@code agent.sock}: a thread serving a unix socket, one connection at a time, with a
 * scripted conversation spoken through the real codec. Records the frames it received. Thread-safe; {@link #close()}
 * stops the thread and removes the socket.
 */
final class FakeAgent implements AutoCloseable {

    /** What the agent does with one connection. */
    @FunctionalInterface
    interface Conversation {
        void serve(Line line) throws IOException;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final List<Frame> received = new CopyOnWriteArrayList<>();

    private FakeAgent(Path socket, Conversation conversation) throws IOException {
        this.socket = socket;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(() -> acceptLoop(conversation), "fake-guest-agent");
        thread.setDaemon(true);
        thread.start();
    }

    /** Serves {@code conversation} on a new socket at {@code socket}. */
    static FakeAgent serve(Path socket, Conversation conversation) throws IOException {
        return new FakeAgent(socket, conversation);
    }

    /** A well-behaved agent: answers the handshake, later HELLOs, and every other request with {@code answers}. */
    static Conversation answering(Answerer answers) {
        return line -> {
            line.handshake();
            line.answerAll(answers);
        };
    }

    private static Frame helloReply(Frame hello) {
        return helloReply(hello, "control");
    }

    /** The agent's answer to {@code hello} on its {@code line} ({@code control} or {@code console}). */
    static Frame helloReply(Frame hello, String line) {
        return Frame.of(FrameType.HELLO_REPLY, hello.strings().get(0), "isoscope-agent", "2.0-fake", "ready", line);
    }

    /** Maps one request to its answer. */
    @FunctionalInterface
    interface Answerer {
        Frame answer(Frame request);
    }

    /** Every frame the agent received, in order, over all connections. */
    List<Frame> received() {
        return List.copyOf(received);
    }

    private void acceptLoop(Conversation conversation) {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                connections.add(connection);
                if (!server.isOpen()) {
                    return; // closed between accept and add: close() may not have seen this connection
                }
                conversation.serve(new Line(connection));
            } catch (IOException | AgentException e) {
                // The host hung up or the test is closing the agent: wait for the next connection, if any.
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        thread.join(10_000);
        Files.deleteIfExists(socket);
        if (thread.isAlive()) {
            throw new AssertionError("the fake agent's thread did not end");
        }
    }

    /** The agent's end of one connection; blocking, since the agent's thread has nothing else to do. */
    final class Line {

        private final SocketChannel channel;

        private Line(SocketChannel channel) {
            this.channel = channel;
        }

        /** The next frame from the host, past the version-1 HELLOs its handshake sends as probes. */
        Frame read() throws IOException {
            while (true) {
                try {
                    Frame frame = FrameCodec.decode((dst, deadline) -> channel.read(dst), Long.MAX_VALUE);
                    received.add(frame);
                    return frame;
                } catch (AgentVersionException e) {
                    // a probe for an agent of version 1: this one is of version 2 and, like the real one, skips it
                }
            }
        }

        /** Answers the host's HELLO on the {@code line} named; returns its nonce. */
        String handshake(String line) throws IOException {
            Frame hello = read();
            write(helloReply(hello, line));
            return hello.strings().get(0);
        }

        /** Reads the host's HELLO and answers it; returns its nonce. */
        String handshake() throws IOException {
            Frame hello = read();
            write(helloReply(hello));
            return hello.strings().get(0);
        }

        void write(Frame frame) throws IOException {
            writeRaw(FrameCodec.encode(frame));
        }

        void writeRaw(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /** Answers every request with {@code answers}, and a repeated HELLO with its reply, until the host hangs up. */
        void answerAll(Answerer answers) throws IOException {
            while (true) {
                Frame request = read();
                write(request.type() == FrameType.HELLO ? helloReply(request) : answers.answer(request));
            }
        }

        /** Keeps the connection open without a word until the host hangs up or the agent is closed. */
        void stall() throws IOException {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (channel.read(sink) >= 0) {
                sink.clear();
            }
        }
    }
}
