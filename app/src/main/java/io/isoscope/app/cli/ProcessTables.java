package io.isoscope.app.cli;

import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The two process tables: the container side (like {@code docker top}) and the host side (like
 * {@code get-process}), shared by {@code top}, {@code host-ps} and {@code compare}. Stateless, thread-safe.
 */
final class ProcessTables {

    /** docker top lays its table out with a minimum column width of 20. */
    private static final int TOP_MIN_WIDTH = 20;
    private static final double MIB = 1024.0 * 1024.0;

    private ProcessTables() {
    }

    /** Container processes in table order: by PID inside the container. */
    static List<ContainerProcess> sortContainerSide(List<ContainerProcess> rows) {
        return rows.stream().sorted(Comparator.comparingLong(ContainerProcess::containerPid)).toList();
    }

    /** Host processes in table order: by name, then PID, as get-process lists them. */
    static List<HostProcess> sortHostSide(List<HostProcess> rows) {
        return rows.stream().sorted(Comparator.comparing((HostProcess p) -> p.name().toLowerCase(Locale.ROOT))
                .thenComparingLong(HostProcess::pid)).toList();
    }

    /** PID, HOST PID ("-" where the host cannot see it), USER, TIME, CMD, one row per process in the given order. */
    static TextTable containerSide(List<ContainerProcess> rows) {
        TextTable table = TextTable.of(TOP_MIN_WIDTH, "PID", "HOST PID", "USER", "TIME", "CMD");
        for (ContainerProcess p : rows) {
            table.row(Long.toString(p.containerPid()), p.hostPid() == null ? "-" : p.hostPid().toString(), p.user(),
                    cpuTime(p.cpuSeconds()), p.commandLine());
        }
        return table;
    }

    /** Id, ProcessName, CPU(s), WS(M), VM(M), Threads, SI, User, Role, Container, one row per process in the given order. */
    static TextTable hostSide(List<HostProcess> rows) {
        TextTable table = TextTable.of(0, "Id", "ProcessName", "CPU(s)", "WS(M)", "VM(M)", "Threads", "SI", "User",
                "Role", "Container").alignRight(0, 2, 3, 4, 5, 6);
        for (HostProcess p : rows) {
            table.row(Long.toString(p.pid()), p.name(), decimal(p.cpuSeconds()), decimal(p.rssBytes() / MIB),
                    decimal(p.virtualBytes() / MIB), Integer.toString(p.threads()), Long.toString(p.sessionId()),
                    p.user(), role(p.role()), p.containerId() == null ? "" : shortId(p.containerId()));
        }
        return table;
    }

    /** The table's lines with "* " before the rows whose mark is set and "  " before the others (and the header). */
    static List<String> marked(TextTable table, List<Boolean> marks) {
        List<String> lines = table.lines();
        List<String> out = new ArrayList<>();
        out.add("  " + lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            out.add((marks.get(i - 1) ? "* " : "  ") + lines.get(i));
        }
        return out;
    }

    /** Cumulative CPU time as ps prints it: HH:MM:SS. */
    static String cpuTime(double seconds) {
        long total = (long) Math.max(0, seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }

    private static String role(ProcessRole role) {
        return switch (role) {
            case HOST -> "host";
            case CONTAINER -> "container";
            case VM_WORKER -> "vm-worker";
        };
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
