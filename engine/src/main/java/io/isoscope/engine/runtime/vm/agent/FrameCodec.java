package io.isoscope.engine.runtime.vm.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Encodes and decodes frames of protocol version 2 (resources/guest/PROTOCOL.md): magic, version, type, length,
 * NUL-terminated UTF-8 strings (in data frames two of them, then raw bytes), CRC-32. A well-formed frame of
 * version 1 is recognised and reported as {@link AgentVersionException}, so that an old agent is told apart from
 * a garbled line. Stateless, thread-safe.
 */
public final class FrameCodec {

    /** The protocol version this codec writes and accepts. */
    public static final int VERSION = 2;
    /** The version before, recognised so that an agent speaking it gets a clear message. */
    static final int VERSION_1 = 1;
    /** The largest payload a frame may carry: 1 MiB. */
    public static final int MAX_PAYLOAD = 1 << 20;
    private static final int PREFIX_LENGTH = 3;
    private static final int HEADER = 8;
    private static final int CHECKSUM = 4;

    private FrameCodec() {
    }

    /** The wire bytes of {@code frame}; throws {@link IllegalArgumentException} if its payload exceeds 1 MiB. */
    public static byte[] encode(Frame frame) {
        return encode(frame, VERSION);
    }

    /** The wire bytes of {@code frame} in protocol {@code version}: the handshake's probe for a version-1 agent. */
    static byte[] encode(Frame frame, int version) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (String s : frame.strings()) {
            payload.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            payload.write(0);
        }
        payload.writeBytes(frame.data());
        if (payload.size() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a " + FrameType.name(frame.type()) + " frame of " + payload.size()
                    + " bytes exceeds the protocol's limit of " + MAX_PAYLOAD);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + payload.size() + CHECKSUM);
        out.put((byte) 'I').put((byte) 'S').put((byte) version).put((byte) frame.type()).putInt(payload.size())
                .put(payload.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Reads one frame from {@code in}, waiting no later than {@code deadlineNanos}. Throws
     * {@link AgentTimeoutException} if no byte arrived in time, {@link AgentException} if the stream ended before
     * any, {@link AgentProtocolException} for a garbled, oversized or truncated frame, and
     * {@link AgentVersionException} for a well-formed frame of version 1.
     */
    public static Frame decode(ByteSource in, long deadlineNanos) throws IOException {
        return decode(in, deadlineNanos, false);
    }

    /**
     * Like {@link #decode}, but first discards bytes until a frame prefix (magic and a known version): for reading
     * past what a line carried before the other side was listening.
     */
    public static Frame decodeSkippingGarbage(ByteSource in, long deadlineNanos) throws IOException {
        return decode(in, deadlineNanos, true);
    }

    private static Frame decode(ByteSource in, long deadline, boolean skipGarbage) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readPrefix(in, header, deadline, skipGarbage);
        fill(in, header, deadline, 0, -1);
        long length = Integer.toUnsignedLong(header.getInt(4));
        if (length > MAX_PAYLOAD) {
            throw new AgentProtocolException("oversized frame: " + length + " bytes (limit " + MAX_PAYLOAD + ")");
        }
        int payloadLength = (int) length;
        ByteBuffer rest = ByteBuffer.allocate(payloadLength + CHECKSUM);
        fill(in, rest, deadline, HEADER, HEADER + rest.capacity());
        CRC32 crc = new CRC32();
        crc.update(header.array());
        crc.update(rest.array(), 0, payloadLength);
        long sent = Integer.toUnsignedLong(rest.getInt(payloadLength));
        if (crc.getValue() != sent) {
            throw new AgentProtocolException(String.format(
                    "garbled frame: checksum %08x does not match the frame's content (%08x)", sent, crc.getValue()));
        }
        int version = header.get(2);
        if (version != VERSION) {
            throw new AgentVersionException(version, "the guest agent speaks protocol version " + version
                    + ", this engine version " + VERSION);
        }
        int type = header.get(3) & 0xFF;
        if (!FrameType.isData(type)) {
            return new Frame(type, strings(rest.array(), 0, payloadLength));
        }
        int first = indexOfNul(rest.array(), 0, payloadLength);
        int second = first < 0 ? -1 : indexOfNul(rest.array(), first + 1, payloadLength);
        if (second < 0) {
            throw new AgentProtocolException("garbled frame: a " + FrameType.name(type)
                    + " frame without its session and stream");
        }
        return new Frame(type, strings(rest.array(), 0, second + 1),
                java.util.Arrays.copyOfRange(rest.array(), second + 1, payloadLength));
    }

    private static int indexOfNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the first bytes of {@code header} up to the full prefix and checks them, or skips until they fit. */
    private static void readPrefix(ByteSource in, ByteBuffer header, long deadline, boolean skipGarbage)
            throws IOException {
        byte[] bytes = header.array();
        header.limit(PREFIX_LENGTH);
        fill(in, header, deadline, 0, -1);
        if (!skipGarbage && !startsWithPrefix(bytes, 0)) {
            throw new AgentProtocolException(String.format(
                    "garbled frame: starts with %02x %02x %02x, not magic 49 53 (\"IS\") and version %d",
                    bytes[0], bytes[1], bytes[2], VERSION));
        }
        int start = candidateStart(bytes);
        while (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, PREFIX_LENGTH - start);
            header.position(PREFIX_LENGTH - start);
            fill(in, header, deadline, 0, -1);
            start = candidateStart(bytes);
        }
        header.limit(HEADER);
    }

    /** The first offset in the prefix-sized window from which the bytes could still begin a frame. */
    private static int candidateStart(byte[] window) {
        int start = 0;
        while (start < PREFIX_LENGTH && !startsWithPrefix(window, start)) {
            start++;
        }
        return start;
    }

    /** Whether window[from..prefix length) could be a frame's beginning: "IS" and a version this codec knows. */
    private static boolean startsWithPrefix(byte[] window, int from) {
        for (int i = from; i < PREFIX_LENGTH; i++) {
            int at = i - from;
            boolean fits = at == 0 ? window[i] == 'I' : at == 1 ? window[i] == 'S'
                    : window[i] == VERSION || window[i] == VERSION_1;
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills {@code buffer} up to its limit. {@code before} is how many bytes of this frame came earlier and
     * {@code total} its full size, or -1 while the header is incomplete.
     */
    private static void fill(ByteSource in, ByteBuffer buffer, long deadline, int before, int total)
            throws IOException {
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, deadline);
            if (n > 0) {
                continue;
            }
            int got = before + buffer.position();
            String when = n < 0 ? "before the connection closed" : "before the deadline";
            if (got == 0) {
                throw n < 0 ? new AgentException("the guest agent closed the connection")
                        : new AgentTimeoutException("no frame arrived before the deadline");
            }
            String of = total < 0 ? "at least " + (HEADER + CHECKSUM) : Integer.toString(total);
            throw new AgentProtocolException("truncated frame: got " + got + " of " + of + " bytes " + when);
        }
    }

    /** The NUL-terminated UTF-8 strings of payload[from..to). */
    private static List<String> strings(byte[] payload, int from, int to) {
        if (to > from && payload[to - 1] != 0) {
            throw new AgentProtocolException("garbled frame: the payload does not end in NUL");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        List<String> strings = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            if (payload[i] == 0) {
                try {
                    strings.add(utf8.decode(ByteBuffer.wrap(payload, start, i - start)).toString());
                } catch (CharacterCodingException e) {
                    throw new AgentProtocolException("garbled frame: string " + strings.size() + " is not UTF-8", e);
                }
                start = i + 1;
            }
        }
        return strings;
    }
}
