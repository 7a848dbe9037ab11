package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessNameFilter;

import java.util.regex.Pattern;

/**
 * What the host table's filter field accepts: a number is a PID ({@code get-process -Id}), anything else a name
 * with PowerShell's {@code get-process -Name} rules (case-insensitive, {@code *} and {@code ?} wildcards);
 * blank shows every process. Each form has get-process's own message when nothing matches. Immutable, thread-safe.
 */
final class HostFilter {

    private static final Pattern PID = Pattern.compile("\\d{1,18}");

    private final String text;
    private final Long pid;
    private final ProcessNameFilter name;

    private HostFilter(String text) {
        this.text = text == null ? "" : text.trim();
        this.pid = PID.matcher(this.text).matches() ? Long.valueOf(this.text) : null;
        this.name = new ProcessNameFilter(pid == null ? this.text : "");
    }

    /** The filter the field's {@code text} stands for. */
    static HostFilter of(String text) {
        return new HostFilter(text);
    }

    /** Whether {@code process} passes. */
    boolean matches(HostProcess process) {
        return pid != null ? process.pid() == pid : name.matches(process.name());
    }

    /** Whether anything was typed. */
    boolean isActive() {
        return !text.isEmpty();
    }

    /** The get-process parameter the text is used as: {@code -Id} for a number, else {@code -Name}. */
    String parameter() {
        return pid != null ? "-Id" : "-Name";
    }

    /** get-process's own words when nothing matches. */
    String notFoundMessage() {
        return pid != null ? "Cannot find a process with the process identifier " + pid + "."
                : name.notFoundMessage();
    }
}
