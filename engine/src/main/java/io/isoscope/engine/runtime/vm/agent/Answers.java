package io.isoscope.engine.runtime.vm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the agent's answers into values; a malformed one is an {@link AgentProtocolException}. Thread-safe. */
final class Answers {

    private static final int PROCESS_FIELDS = 8;

    private Answers() {
    }

    /** The workload's guest PID from STARTED. */
    static int startedPid(Frame started) {
        expectCount(started, 1);
        return (int) number(started, 0, Integer.MAX_VALUE);
    }

    /** The processes from PROCESSES: n, then n × (pid, ppid, uid, user, name, cpu ms, rss KiB, command line). */
    static List<GuestProcess> processes(Frame answer) {
        List<String> s = answer.strings();
        if (s.isEmpty()) {
            throw malformed(answer, "no process count");
        }
        int n = (int) number(answer, 0, Integer.MAX_VALUE / PROCESS_FIELDS);
        expectCount(answer, 1 + n * PROCESS_FIELDS);
        List<GuestProcess> processes = new ArrayList<>(n);
        for (int i = 1; i < s.size(); i += PROCESS_FIELDS) {
            processes.add(new GuestProcess(number(answer, i, Long.MAX_VALUE), number(answer, i + 1, Long.MAX_VALUE),
                    number(answer, i + 2, Long.MAX_VALUE), s.get(i + 3), s.get(i + 4),
                    number(answer, i + 5, Long.MAX_VALUE) / 1000.0,
                    number(answer, i + 6, Long.MAX_VALUE / 1024) * 1024, s.get(i + 7)));
        }
        return List.copyOf(processes);
    }

    /** The workload's state from a STATUS reply: state, PID or empty, exit code or empty. */
    static GuestStatus status(Frame answer) {
        expectCount(answer, 3);
        GuestStatus.State state;
        try {
            state = GuestStatus.State.valueOf(answer.strings().get(0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed(answer, "unknown state \"" + answer.strings().get(0) + "\"");
        }
        Long pid = answer.strings().get(1).isEmpty() ? null : number(answer, 1, Long.MAX_VALUE);
        Integer exitCode = answer.strings().get(2).isEmpty() ? null : (int) number(answer, 2, 255);
        return new GuestStatus(state, pid, exitCode);
    }

    /** The agent's version from its HELLO: nonce, {@code isoscope-agent}, version, state, line. */
    static String agentVersion(Frame hello) {
        if (hello.strings().size() != 5 || !hello.strings().get(1).equals("isoscope-agent")) {
            throw malformed(hello, "expected nonce, \"isoscope-agent\", version, state and line, got "
                    + hello.strings());
        }
        return hello.strings().get(2);
    }

    /** The guest PID from OPENED: session, PID. */
    static long openedPid(Frame opened) {
        expectCount(opened, 2);
        return number(opened, 1, Integer.MAX_VALUE);
    }

    /** The exit code from EXIT: session, code. */
    static int exitCode(Frame exit) {
        expectCount(exit, 2);
        return (int) number(exit, 1, 255);
    }

    /** The session number every console-line answer starts with. */
    static long session(Frame answer) {
        if (answer.strings().isEmpty()) {
            throw malformed(answer, "no session number");
        }
        return number(answer, 0, Integer.MAX_VALUE);
    }

    private static void expectCount(Frame answer, int count) {
        if (answer.strings().size() != count) {
            throw malformed(answer, "expected " + count + " strings, got " + answer.strings().size());
        }
    }

    /** The decimal at {@code index}, between 0 and {@code max}. */
    private static long number(Frame answer, int index, long max) {
        String text = answer.strings().get(index);
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the frame
        }
        throw malformed(answer, "string " + index + " is \"" + text + "\", not a number from 0 to " + max);
    }

    private static AgentProtocolException malformed(Frame answer, String why) {
        return new AgentProtocolException("malformed " + FrameType.name(answer.type()) + " from the guest agent: "
                + why);
    }
}
