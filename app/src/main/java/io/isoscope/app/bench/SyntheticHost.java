package io.isoscope.app.bench;

import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ProcessRole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A made-up busy host for the FX benchmark: about {@code size} processes in a realistic tree (init, kernel threads,
 * services with workers, one process-isolated container and one VM worker), where every sample moves each
 * process's CPU time and working set, and a few processes exit while new ones start. Deterministic (fixed seed).
 * Not thread-safe: one caller at a time.
 */
final class SyntheticHost {

    /** Id and name of the process-isolated container whose processes the host shows. */
    static final String WEB_ID = "b1e5c0ffee0000000000000000000000000000000000000000000000000000a1";
    static final String WEB_NAME = "web";
    /** Id and name of the Hyper-V container whose VM worker the host shows. */
    static final String VM_ID = "b1e5c0ffee0000000000000000000000000000000000000000000000000000b2";
    static final String VM_NAME = "vm";
    /** Host PIDs of the web container's processes (its container PIDs 1, 7, 8). */
    static final long[] WEB_PIDS = {90_001, 90_007, 90_008};

    private static final String[] SERVICES = {"nginx", "postgres", "php-fpm", "java", "node", "python3", "sshd",
        "containerd", "dockerd", "redis-server", "memcached", "gunicorn", "celery", "httpd", "mysqld", "rsyslogd",
        "chronyd", "cron", "dbus-daemon", "polkitd", "NetworkManager", "snapd", "prometheus", "grafana-server",
        "elasticsearch", "kafka", "zookeeper", "rabbitmq", "haproxy", "varnishd"};
    private static final String[] USERS = {"root", "www-data", "postgres", "app", "nobody"};
    private static final int CHURN = 25;
    private static final long MIB = 1 << 20;

    private final Random random = new Random(42);
    private final Map<Long, HostProcess> processes = new LinkedHashMap<>();
    private final List<Long> services = new ArrayList<>();
    private final Instant boot = Instant.parse("2025-01-06T07:00:00Z");
    private long nextPid = 100_000;
    private int samples;

    SyntheticHost(int size) {
        put(proc(1, 0, "systemd", "/sbin/init", "root", ProcessRole.HOST, null, null));
        put(proc(2, 0, "kthreadd", "[kthreadd]", "root", ProcessRole.HOST, null, null));
        for (long pid = 3; pid < 403; pid++) {
            String name = "kworker/" + (pid % 2) + ":" + (pid % 7);
            put(proc(pid, 2, name, "[" + name + "]", "root", ProcessRole.HOST, null, null));
        }
        put(proc(90_000, 1, "sh", "sh -c exec runc run web", "root", ProcessRole.HOST, null, null));
        put(proc(WEB_PIDS[0], 90_000, "nginx", "nginx: master process", "root", ProcessRole.CONTAINER, WEB_ID, 1L));
        put(proc(WEB_PIDS[1], WEB_PIDS[0], "nginx", "nginx: worker process", "www-data", ProcessRole.CONTAINER, WEB_ID, 7L));
        put(proc(WEB_PIDS[2], WEB_PIDS[0], "nginx", "nginx: worker process", "www-data", ProcessRole.CONTAINER, WEB_ID, 8L));
        put(proc(91_000, 1, "vmwp", "qemu-system-x86_64 -name " + VM_ID + ",process=vmwp", "root",
                ProcessRole.VM_WORKER, VM_ID, null));
        long pid = 500;
        for (int i = 0; processes.size() < size; i++) {
            if (i < SERVICES.length * 2) {
                String name = SERVICES[i % SERVICES.length];
                put(proc(pid, 1, name, "/usr/sbin/" + name + " --daemon", USERS[i % USERS.length],
                        ProcessRole.HOST, null, null));
                services.add(pid);
            } else {
                put(worker(pid));
            }
            pid++;
        }
    }

    /**
     * The next sample: every process's CPU time and working set moved, {@value #CHURN} workers exited and as many
     * new ones started (so there are always as many processes).
     */
    List<HostProcess> sample() {
        if (samples++ > 0) {
            List<Long> workers = processes.keySet().stream()
                    .filter(p -> (p >= 500 && p < 90_000 && !services.contains(p)) || p >= 100_000).toList();
            Set<Long> exited = new HashSet<>();
            while (exited.size() < CHURN && exited.size() < workers.size()) {
                exited.add(workers.get(random.nextInt(workers.size())));
            }
            exited.forEach(processes::remove);
            for (int i = 0; i < CHURN; i++) {
                put(worker(nextPid++));
            }
            processes.replaceAll((pid, p) -> moved(p));
        }
        return List.copyOf(processes.values());
    }

    private HostProcess worker(long pid) {
        long parent = services.get(random.nextInt(services.size()));
        HostProcess service = processes.get(parent);
        return proc(pid, parent, service.name(), service.commandLine().replace("--daemon", "--worker " + pid),
                service.user(), ProcessRole.HOST, null, null);
    }

    private HostProcess moved(HostProcess p) {
        if (p.commandLine().startsWith("[")) {
            return p; // kernel threads have no memory to change
        }
        double cpu = p.cpuSeconds() + random.nextInt(3) * 0.01;
        long rss = Math.max(MIB, p.rssBytes() + (random.nextInt(17) - 8) * 4096L);
        return new HostProcess(p.pid(), p.ppid(), p.name(), p.commandLine(), p.user(), cpu, rss, p.virtualBytes(),
                p.threads(), p.sessionId(), p.startTime(), p.role(), p.containerId(), p.containerPid());
    }

    private HostProcess proc(long pid, long ppid, String name, String cmd, String user, ProcessRole role,
                             String containerId, Long containerPid) {
        boolean kernel = cmd.startsWith("[");
        return new HostProcess(pid, ppid, name, cmd, user, random.nextInt(100_000) / 100.0,
                kernel ? 0 : (4 + random.nextInt(400)) * MIB, kernel ? 0 : (64 + random.nextInt(2_000)) * MIB,
                1 + random.nextInt(kernel ? 1 : 32), kernel ? 0 : 1 + random.nextInt(50),
                boot.plusSeconds(random.nextInt(86_400 * 3)), role, containerId, containerPid);
    }

    private void put(HostProcess p) {
        processes.put(p.pid(), p);
    }
}
