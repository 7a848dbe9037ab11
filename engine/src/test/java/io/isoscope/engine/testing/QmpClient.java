package io.isoscope.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A minimal QMP client for tests that ask a running QEMU what it has. Not thread-safe. */
public final class QmpClient implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final SocketChannel channel;
    private final BufferedReader in;

    private QmpClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Connects, reads the greeting and leaves capabilities negotiation mode. */
    public static QmpClient connect(Path socket) throws IOException {
        QmpClient c = new QmpClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        c.next(); // {"QMP": {...}}
        c.execute("qmp_capabilities", null);
        return c;
    }

    /** Runs {@code command} and returns its {@code return} value; fails on an {@code error}. */
    public JsonNode execute(String command, ObjectNode arguments) throws IOException {
        ObjectNode request = json.createObjectNode().put("execute", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        channel.write(ByteBuffer.wrap((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
        while (true) {
            JsonNode reply = next();
            if (reply.has("return")) {
                return reply.get("return");
            }
            if (reply.has("error")) {
                throw new IOException(command + ": " + reply.get("error"));
            }
            // an asynchronous event: skip it
        }
    }

    /** The text a human monitor command prints, e.g. {@code info network}. */
    public String human(String commandLine) throws IOException {
        return execute("human-monitor-command", json.createObjectNode().put("command-line", commandLine)).asText();
    }

    private JsonNode next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QMP closed the connection");
        }
        return json.readTree(line);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
