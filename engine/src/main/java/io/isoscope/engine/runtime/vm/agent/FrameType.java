package io.isoscope.engine.runtime.vm.agent;

import java.util.Map;

/** The frame types of protocol version 1 (resources/guest/PROTOCOL.md), and their names for messages. Thread-safe. */
public final class FrameType {

    /** Host → agent: nonce, {@code isoscope-host}. */
    public static final int HELLO = 0x01;
    /** Host → agent: cwd, argc, arg..., envc, KEY=VALUE.... */
    public static final int START = 0x02;
    /** Host → agent: list the guest's processes. */
    public static final int PS = 0x03;
    /** Host → agent: guest PID ({@code 0} = the workload), signal number. */
    public static final int SIGNAL = 0x04;
    /** Host → agent: report the workload's state. */
    public static final int STATUS = 0x05;
    /** Host → agent: sync and power the VM off. */
    public static final int POWEROFF = 0x06;
    /** Agent → host: nonce, {@code isoscope-agent}, agent version, state. */
    public static final int HELLO_REPLY = 0x81;
    /** Agent → host: the workload's guest PID. */
    public static final int STARTED = 0x82;
    /** Agent → host: n, then n × 8 process fields. */
    public static final int PROCESSES = 0x83;
    /** Agent → host: done, nothing to say. */
    public static final int OK = 0x84;
    /** Agent → host: state, workload PID or empty, exit code or empty. */
    public static final int STATUS_REPLY = 0x85;
    /** Agent → host: the request failed; the message says why. */
    public static final int ERROR = 0xFF;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(HELLO, "HELLO"), Map.entry(START, "START"), Map.entry(PS, "PS"), Map.entry(SIGNAL, "SIGNAL"),
            Map.entry(STATUS, "STATUS"), Map.entry(POWEROFF, "POWEROFF"), Map.entry(HELLO_REPLY, "HELLO reply"),
            Map.entry(STARTED, "STARTED"), Map.entry(PROCESSES, "PROCESSES"), Map.entry(OK, "OK"),
            Map.entry(STATUS_REPLY, "STATUS reply"), Map.entry(ERROR, "ERROR"));

    private FrameType() {
    }

    /** The protocol's name for {@code type}, e.g. {@code PROCESSES}, or its code when it has none. */
    public static String name(int type) {
        return NAMES.getOrDefault(type, String.format("type 0x%02x", type));
    }
}
