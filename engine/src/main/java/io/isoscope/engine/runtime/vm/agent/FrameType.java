package io.isoscope.engine.runtime.vm.agent;

import java.util.Map;

/** The frame types of protocol version 2 (resources/guest/PROTOCOL.md), and their names for messages. Thread-safe. */
public final class FrameType {

    /** Host → agent, either line: nonce, {@code isoscope-host}. */
    public static final int HELLO = 0x01;
    /** Host → agent: seconds, nanoseconds (the host's clock), tty, cwd, argc, arg..., envc, KEY=VALUE.... */
    public static final int START = 0x02;
    /** Host → agent: list the guest's processes. */
    public static final int PS = 0x03;
    /** Host → agent: guest PID ({@code 0} = the workload), signal number. */
    public static final int SIGNAL = 0x04;
    /** Host → agent: report the workload's state. */
    public static final int STATUS = 0x05;
    /** Host → agent: sync and power the VM off. */
    public static final int POWEROFF = 0x06;
    /** Host → agent, console line: session; attach it to the workload's terminal. */
    public static final int ATTACH = 0x10;
    /** Host → agent, console line: session, tty, argc, arg...; start a process. */
    public static final int EXEC = 0x11;
    /** Host → agent, console line, data: session, {@code 0}, what is typed (nothing: the input ended). */
    public static final int INPUT = 0x12;
    /** Host → agent, console line: session, columns, rows. */
    public static final int RESIZE = 0x13;
    /** Host → agent, console line: session; end it (an exec'd process gets SIGHUP). */
    public static final int DETACH = 0x14;
    /** Host → agent, console line: nothing, keeps the host's lease on the line. */
    public static final int PING = 0x15;
    /** Agent → host: nonce, {@code isoscope-agent}, agent version, state, line. */
    public static final int HELLO_REPLY = 0x81;
    /** Agent → host: the workload's guest PID. */
    public static final int STARTED = 0x82;
    /** Agent → host: n, then n × 8 process fields. */
    public static final int PROCESSES = 0x83;
    /** Agent → host: done, nothing to say. */
    public static final int OK = 0x84;
    /** Agent → host: state, workload PID or empty, exit code or empty. */
    public static final int STATUS_REPLY = 0x85;
    /** Agent → host, console line: session, guest PID; the session runs. */
    public static final int OPENED = 0x90;
    /** Agent → host, console line, data: session, stream ({@code 1} stdout or terminal, {@code 2} stderr), bytes. */
    public static final int OUTPUT = 0x91;
    /** Agent → host, console line: session, exit code; the session's last frame. */
    public static final int EXIT = 0x92;
    /** Agent → host, console line: session, reason, message; the session did not open. */
    public static final int FAILED = 0x93;
    /** Agent → host, console line: session; it has ended. */
    public static final int DETACHED = 0x94;
    /** Agent → host: the request failed; the message says why. */
    public static final int ERROR = 0xFF;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(HELLO, "HELLO"), Map.entry(START, "START"), Map.entry(PS, "PS"), Map.entry(SIGNAL, "SIGNAL"),
            Map.entry(STATUS, "STATUS"), Map.entry(POWEROFF, "POWEROFF"), Map.entry(ATTACH, "ATTACH"),
            Map.entry(EXEC, "EXEC"), Map.entry(INPUT, "INPUT"), Map.entry(RESIZE, "RESIZE"),
            Map.entry(DETACH, "DETACH"), Map.entry(PING, "PING"), Map.entry(HELLO_REPLY, "HELLO reply"),
            Map.entry(STARTED, "STARTED"), Map.entry(PROCESSES, "PROCESSES"), Map.entry(OK, "OK"),
            Map.entry(STATUS_REPLY, "STATUS reply"), Map.entry(OPENED, "OPENED"), Map.entry(OUTPUT, "OUTPUT"),
            Map.entry(EXIT, "EXIT"), Map.entry(FAILED, "FAILED"), Map.entry(DETACHED, "DETACHED"),
            Map.entry(ERROR, "ERROR"));

    private FrameType() {
    }

    /** The protocol's name for {@code type}, e.g. {@code PROCESSES}, or its code when it has none. */
    public static String name(int type) {
        return NAMES.getOrDefault(type, String.format("type 0x%02x", type));
    }

    /** Whether frames of {@code type} carry raw bytes after their two strings (session, stream). */
    public static boolean isData(int type) {
        return type == INPUT || type == OUTPUT;
    }
}
