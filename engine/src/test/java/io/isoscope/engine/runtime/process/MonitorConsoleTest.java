package io.isoscope.engine.runtime.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's side of the monitor's framing (resources/shim/PROTOCOL.md), against a scripted monitor. */
@Timeout(30) // a blocking read that never returns fails the test instead of hanging the build
class MonitorConsoleTest {

    @TempDir
    Path tmp;

    private ServerSocketChannel server;

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private Path listen() throws IOException {
        Path socket = tmp.resolve("m.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return socket;
    }

    private static void frame(SocketChannel c, char type, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length).put((byte) type).putInt(payload.length).put(payload).flip();
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static void frame(SocketChannel c, char type, String text) throws IOException {
        frame(c, type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame the console sent: its type and payload. */
    private record Sent(char type, byte[] payload) {
    }

    private static Sent read(DataInputStream in) throws IOException {
        char type = (char) in.readUnsignedByte();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new Sent(type, payload);
    }

    @Test
    void relaysOutputInputAndResizesAndReportsTheExitCode() throws Exception {
        Path socket = listen();
        CompletableFuture<MonitorConsole> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SocketChannel monitor = server.accept()) {
            frame(monitor, 'H', "isoscope-shim 1");
            frame(monitor, 'S', "4242");
            MonitorConsole console = connecting.get(10, TimeUnit.SECONDS);
            assertThat(console.pid()).isEqualTo(4242);

            frame(monitor, 'o', "hello ");
            frame(monitor, 'q', "a frame type this console does not know");
            frame(monitor, 'E', "world");
            byte[] shown = console.output().readNBytes(11);
            assertThat(new String(shown, StandardCharsets.UTF_8)).isEqualTo("hello world");

            console.input().write("ls\r".getBytes(StandardCharsets.UTF_8));
            console.resize(132, 43);
            console.input().close();
            DataInputStream in = new DataInputStream(Channels.newInputStream(monitor));
            Sent typed = read(in);
            assertThat(typed.type()).isEqualTo('i');
            assertThat(new String(typed.payload(), StandardCharsets.UTF_8)).isEqualTo("ls\r");
            Sent size = read(in);
            assertThat(size.type()).isEqualTo('w');
            assertThat(size.payload()).containsExactly(0, (byte) 132, 0, 43);
            assertThat(read(in).type()).as("end-of-file").isEqualTo('e');

            frame(monitor, 'x', "7");
            assertThat(console.output().read()).isEqualTo(-1);
            assertThat(console.exitCode()).hasValue(7);
            assertThat(in.read()).as("the console closed its end after the exit").isEqualTo(-1);
        }
    }

    @Test
    void withStderrApartEachStreamHasItsReaderAndNeitherWaitsForTheOther() throws Exception {
        Path socket = listen();
        CompletableFuture<MonitorConsole> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(10), true);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SocketChannel monitor = server.accept()) {
            frame(monitor, 'H', "isoscope-shim 1");
            frame(monitor, 'S', "4243");
            MonitorConsole console = connecting.get(10, TimeUnit.SECONDS);
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(console.output().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            // Only stderr so far: its reader gets it although the stdout reader may be the one pulling frames.
            frame(monitor, 'E', "err-1\n");
            assertThat(new String(console.errorOutput().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("err-1\n");
            assertThat(stdout).isNotDone();

            frame(monitor, 'o', "out-1\n");
            frame(monitor, 'E', "err-2\n");
            frame(monitor, 'o', "out-2\n");
            frame(monitor, 'x', "1");
            assertThat(stdout.get(10, TimeUnit.SECONDS)).isEqualTo("out-1\nout-2\n");
            assertThat(new String(console.errorOutput().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("err-2\n");
            assertThat(console.exitCode()).hasValue(1);
        }
    }

    @Test
    void aRefusalCarriesTheMonitorsWords() throws Exception {
        Path socket = listen();
        CompletableFuture<Void> monitor = CompletableFuture.runAsync(() -> {
            try (SocketChannel c = server.accept()) {
                frame(c, 'H', "isoscope-shim 1");
                frame(c, 'F', "exec failed: unable to start container process: exec: \"x\": executable file not found in $PATH");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)))
                .isInstanceOf(MonitorConsole.Refused.class)
                .hasMessageContaining("executable file not found");
        monitor.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMonitorThatDoesNotAnswerTimesOut() throws Exception {
        Path socket = listen();

        long before = System.nanoTime();
        assertThatThrownBy(() -> MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300)))
                .isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(5000);
    }

    @Test
    void somethingElseOnTheSocketIsNotTakenForAMonitor() throws Exception {
        Path socket = listen();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (SocketChannel c = server.accept()) {
                c.write(ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)))
                .isInstanceOf(IOException.class);
        other.get(10, TimeUnit.SECONDS);
    }

    @Test
    void detachingEndsTheOutputWithoutAnExitCode() throws Exception {
        Path socket = listen();
        CompletableFuture<MonitorConsole> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return MonitorConsole.connect(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SocketChannel monitor = server.accept()) {
            frame(monitor, 'H', "isoscope-shim 1");
            frame(monitor, 'S', "");
            MonitorConsole console = connecting.get(10, TimeUnit.SECONDS);
            CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
                try {
                    return console.output().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            console.disown();

            assertThat(reading.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
            assertThat(console.exitCode()).isEmpty();
            assertThat(read(new DataInputStream(Channels.newInputStream(monitor))).type()).isEqualTo('d');
            console.close(); // idempotent
        }
    }
}
