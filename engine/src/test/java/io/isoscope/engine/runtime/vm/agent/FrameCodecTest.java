package io.isoscope.engine.runtime.vm.agent;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire format of protocol v2, and every way a reader refuses a bad frame instead of waiting. */
@Tag("fault-injection")
class FrameCodecTest {

    /** What a source returns once its bytes are used up. */
    private static final int END = -1;
    private static final int DEADLINE = 0;

    @Test
    void encodesAKnownFrameByteExactly() {
        byte[] header = {0x49, 0x53, 0x02, (byte) 0x85, 0x00, 0x00, 0x00, 0x0C};
        byte[] payload = ("running\0" + "83\0" + "\0").getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(payload);
        long c = crc.getValue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(header);
        expected.writeBytes(payload);
        expected.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});

        assertThat(FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", "")))
                .containsExactly(expected.toByteArray());
    }

    @Test
    void encodesNoStringsAsAnEmptyPayload() throws Exception {
        byte[] bytes = FrameCodec.encode(Frame.of(FrameType.OK));

        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0x49, 0x53, 0x02, 0x84, 0, 0, 0, 0);
        assertThat(bytes).hasSize(12);
        assertThat(decode(source(bytes, END))).isEqualTo(Frame.of(FrameType.OK));
    }

    @Test
    void decodesWhatItEncodedReadInSmallPieces() throws Exception {
        Frame frame = Frame.of(FrameType.START, "/", "2", "echo", "grüße ✓", "0", "");

        assertThat(decode(source(FrameCodec.encode(frame), END))).isEqualTo(frame);
    }

    @Test
    void carriesAPayloadOfExactlyTheLimitAndRefusesToEncodeMore() throws Exception {
        Frame largest = Frame.of(FrameType.ERROR, "x".repeat(FrameCodec.MAX_PAYLOAD - 1));

        assertThat(decode(source(FrameCodec.encode(largest), END))).isEqualTo(largest);
        assertThatThrownBy(() -> FrameCodec.encode(Frame.of(FrameType.ERROR, "x".repeat(FrameCodec.MAX_PAYLOAD))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1048577 bytes");
    }

    @Test
    void refusesAWrongMagicAsSoonAsItArrives() {
        byte[] bytes = FrameCodec.encode(Frame.of(FrameType.OK));
        bytes[0] = 'X';

        assertThatThrownBy(() -> decode(source(Arrays.copyOf(bytes, 3), DEADLINE)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageStartingWith("garbled frame: starts with 58 53 02");
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] bytes = FrameCodec.encode(Frame.of(FrameType.OK));
        bytes[2] = 3;

        assertThatThrownBy(() -> decode(source(bytes, END)))
                .isInstanceOf(AgentProtocolException.class).hasMessageStartingWith("garbled frame:");
    }

    @Test
    void namesAWellFormedFrameOfVersion1() {
        byte[] v1 = FrameCodec.encode(Frame.of(FrameType.HELLO_REPLY, "n", "isoscope-agent", "1", "ready"),
                FrameCodec.VERSION_1);

        assertThatThrownBy(() -> decode(source(v1, END)))
                .isInstanceOfSatisfying(AgentVersionException.class, e -> assertThat(e.version()).isEqualTo(1))
                .hasMessage("the guest agent speaks protocol version 1, this engine version 2");
    }

    @Test
    void aVersion1FrameWithABadChecksumIsGarbageNotAVersion() {
        byte[] v1 = FrameCodec.encode(Frame.of(FrameType.OK), FrameCodec.VERSION_1);
        v1[v1.length - 1] ^= 1;

        assertThatThrownBy(() -> decode(source(v1, END)))
                .isExactlyInstanceOf(AgentProtocolException.class).hasMessageStartingWith("garbled frame: checksum");
    }

    @Test
    void carriesRawBytesAfterTheTwoStringsOfADataFrame() throws Exception {
        byte[] raw = {0, 1, 2, (byte) 0xFF, '\r', '\n', 0};
        Frame output = Frame.data(FrameType.OUTPUT, 7, 2, raw);

        Frame decoded = decode(source(FrameCodec.encode(output), END));

        assertThat(decoded).isEqualTo(output);
        assertThat(decoded.strings()).containsExactly("7", "2");
        assertThat(decoded.data()).containsExactly(raw);
        assertThat(decode(source(FrameCodec.encode(Frame.data(FrameType.INPUT, 7, 0, new byte[0])), END)).dataLength())
                .as("no bytes: the end of the input").isZero();
    }

    @Test
    void refusesADataFrameWithoutItsSessionAndStream() {
        byte[] frame = withChecksum(new byte[] {0x49, 0x53, 0x02, (byte) 0x91, 0, 0, 0, 4, '7', 0, 'h', 'i'});

        assertThatThrownBy(() -> decode(source(frame, END)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("garbled frame: a OUTPUT frame without its session and stream");
        assertThatThrownBy(() -> new Frame(FrameType.OUTPUT, List.of("7"), new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame(FrameType.STATUS, List.of(), new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAChecksumThatDoesNotMatch() {
        byte[] bytes = FrameCodec.encode(Frame.of(FrameType.STARTED, "83"));
        bytes[bytes.length - 1] ^= 0x01;

        assertThatThrownBy(() -> decode(source(bytes, END)))
                .isInstanceOf(AgentProtocolException.class).hasMessageStartingWith("garbled frame: checksum");
    }

    @Test
    void refusesAnOversizedLengthWithoutWaitingForThePayload() {
        byte[] header = {0x49, 0x53, 0x02, (byte) 0x83, 0x00, 0x20, 0x00, 0x00};

        assertThatThrownBy(() -> decode(source(header, DEADLINE)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("oversized frame: 2097152 bytes (limit 1048576)");
    }

    @Test
    void readsTheLengthAsUnsigned() {
        byte[] header = {0x49, 0x53, 0x02, (byte) 0x83, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

        assertThatThrownBy(() -> decode(source(header, DEADLINE)))
                .hasMessage("oversized frame: 4294967295 bytes (limit 1048576)");
    }

    @Test
    void refusesAPayloadThatDoesNotEndInNul() {
        byte[] frame = withChecksum(new byte[] {0x49, 0x53, 0x02, (byte) 0xFF, 0, 0, 0, 3, 'a', 'b', 'c'});

        assertThatThrownBy(() -> decode(source(frame, END)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("garbled frame: the payload does not end in NUL");
    }

    @Test
    void refusesAStringThatIsNotUtf8() {
        byte[] frame = withChecksum(new byte[] {0x49, 0x53, 0x02, (byte) 0xFF, 0, 0, 0, 2, (byte) 0xC3, 0});

        assertThatThrownBy(() -> decode(source(frame, END)))
                .isInstanceOf(AgentProtocolException.class).hasMessageStartingWith("garbled frame: string 0");
    }

    @Test
    void reportsAFrameCutShortByTheEndOfTheStream() {
        byte[] whole = FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", ""));

        assertThatThrownBy(() -> decode(source(Arrays.copyOf(whole, 10), END)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("truncated frame: got 10 of " + whole.length + " bytes before the connection closed");
    }

    @Test
    void reportsAFrameCutShortByTheDeadline() {
        byte[] whole = FrameCodec.encode(Frame.of(FrameType.STATUS_REPLY, "running", "83", ""));

        assertThatThrownBy(() -> decode(source(Arrays.copyOf(whole, whole.length - 1), DEADLINE)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("truncated frame: got " + (whole.length - 1) + " of " + whole.length
                        + " bytes before the deadline");
    }

    @Test
    void reportsAHeaderCutShort() {
        byte[] whole = FrameCodec.encode(Frame.of(FrameType.OK));

        assertThatThrownBy(() -> decode(source(Arrays.copyOf(whole, 5), DEADLINE)))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("truncated frame: got 5 of at least 12 bytes before the deadline");
    }

    @Test
    void tellsSilenceAndAClosedStreamApartFromATruncatedFrame() {
        assertThatThrownBy(() -> decode(source(new byte[0], DEADLINE)))
                .isExactlyInstanceOf(AgentTimeoutException.class);
        assertThatThrownBy(() -> decode(source(new byte[0], END)))
                .isExactlyInstanceOf(AgentException.class).hasMessage("the guest agent closed the connection");
    }

    @Test
    void skipsBytesBeforeAFrameOnlyWhenAskedTo() throws Exception {
        Frame frame = Frame.of(FrameType.HELLO_REPLY, "n", "isoscope-agent", "2", "ready", "control");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("\r\nlogin: IIS\u0003I".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(FrameCodec.encode(frame));

        assertThat(FrameCodec.decodeSkippingGarbage(source(line.toByteArray(), END), System.nanoTime()))
                .isEqualTo(frame);
        assertThatThrownBy(() -> decode(source(line.toByteArray(), END)))
                .isInstanceOf(AgentProtocolException.class).hasMessageStartingWith("garbled frame:");
    }

    @Test
    void framesCannotCarryNulOrATypeBeyondAByte() {
        assertThatThrownBy(() -> Frame.of(FrameType.START, "a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frame.of(0x100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Frame.of(FrameType.ERROR, "x").strings()).isEqualTo(List.of("x"));
    }

    private static Frame decode(ByteSource in) throws Exception {
        return FrameCodec.decode(in, System.nanoTime());
    }

    /** Yields {@code bytes} at most 3 at a time, then {@code after} (end of stream or deadline) for ever. */
    private static ByteSource source(byte[] bytes, int after) {
        ByteBuffer left = ByteBuffer.wrap(bytes);
        return (dst, deadline) -> {
            if (!left.hasRemaining()) {
                return after;
            }
            int n = Math.min(3, Math.min(left.remaining(), dst.remaining()));
            dst.put(left.array(), left.position(), n);
            left.position(left.position() + n);
            return n;
        };
    }

    /** {@code frame} followed by its CRC-32, for frames the encoder would never make. */
    private static byte[] withChecksum(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return ByteBuffer.allocate(frame.length + 4).put(frame).putInt((int) crc.getValue()).array();
    }
}
