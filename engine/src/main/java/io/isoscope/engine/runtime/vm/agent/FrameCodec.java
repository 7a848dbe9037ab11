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
 * Encodes and decodes frames of protocol version 1 (resources/guest/PROTOCOL.md): magic, version, type, length,
 * NUL-terminated UTF-8 strings, CRC-32. Stateless, thread-safe.
 */
public final class FrameCodec {

    /** The largest payload a frame may carry: 1 MiB. */
    public static final int MAX_PAYLOAD = 1 << 20;
    /** Magic "IS" and version 1: the bytes every frame starts with. */
    private static final byte[] PREFIX = {0x49, 0x53, 0x01};
    private static final int HEADER = 8;
    private static final int CHECKSUM = 4;

    private FrameCodec() {
    }

    /** The wire bytes of {@code frame}; throws {@link IllegalArgumentException} if its payload exceeds 1 MiB. */
    public static byte[] encode(Frame frame) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (String s : frame.strings()) {
            payload.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            payload.write(0);
        }
        if (payload.size() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a " + FrameType.name(frame.type()) + " frame of " + payload.size()
                    + " bytes exceeds the protocol's limit of " + MAX_PAYLOAD);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + payload.size() + CHECKSUM);
        out.put(PREFIX).put((byte) frame.type()).putInt(payload.size()).put(payload.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Reads one frame from {@code in}, waiting no later than {@code deadlineNanos}. Throws
     * {@link AgentTimeoutException} if no byte arrived in time, {@link AgentException} if the stream ended before
     * any, and {@link AgentProtocolException} for a garbled, oversized or truncated frame.
     */
    public static Frame decode(ByteSource in, long deadlineNanos) throws IOException {
        return decode(in, deadlineNanos, false);
    }

    /**
     * Like {@link #decode}, but first discards bytes until the frame prefix (magic and version): for reading past
     * what a line carried before the other side was listening.
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
        return new Frame(header.get(3) & 0xFF, strings(rest.array(), payloadLength));
    }

    /** Reads the first bytes of {@code header} up to the full prefix and checks them, or skips until they fit. */
    private static void readPrefix(ByteSource in, ByteBuffer header, long deadline, boolean skipGarbage)
            throws IOException {
        byte[] bytes = header.array();
        header.limit(PREFIX.length);
        fill(in, header, deadline, 0, -1);
        if (!skipGarbage && !startsWithPrefix(bytes, 0)) {
            throw new AgentProtocolException(String.format(
                    "garbled frame: starts with %02x %02x %02x, not magic 49 53 (\"IS\") and version 1",
                    bytes[0], bytes[1], bytes[2]));
        }
        int start = candidateStart(bytes);
        while (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, PREFIX.length - start);
            header.position(PREFIX.length - start);
            fill(in, header, deadline, 0, -1);
            start = candidateStart(bytes);
        }
        header.limit(HEADER);
    }

    /** The first offset in the prefix-sized window from which the bytes could still begin a frame. */
    private static int candidateStart(byte[] window) {
        int start = 0;
        while (start < PREFIX.length && !startsWithPrefix(window, start)) {
            start++;
        }
        return start;
    }

    /** Whether window[from..prefix length) equals the prefix's beginning. */
    private static boolean startsWithPrefix(byte[] window, int from) {
        for (int i = from; i < PREFIX.length; i++) {
            if (window[i] != PREFIX[i - from]) {
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

    /** The NUL-terminated UTF-8 strings of a payload. */
    private static List<String> strings(byte[] payload, int length) {
        if (length > 0 && payload[length - 1] != 0) {
            throw new AgentProtocolException("garbled frame: the payload does not end in NUL");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
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
