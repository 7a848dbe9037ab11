package io.isoscope.app.bench;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.HostProcess;
import io.isoscope.engine.api.ImageInfo;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.api.RuntimeReadiness;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The engine behind the FX benchmark's window: two running containers ("web", process-isolated, and "vm", Hyper-V)
 * over a {@link SyntheticHost}, each host-table sample reported to a listener (that is when a refresh tick reaches
 * the engine). It answers what the window's refresh asks; any other engine call (the API grows with features) gets
 * an empty answer, which is why it is a dynamic proxy rather than a class that would have to follow every new
 * method. Thread-safe (samples are taken one at a time).
 */
final class BenchEngine implements InvocationHandler {

    private static final String IMAGE = "busybox:latest";
    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private final SyntheticHost host;
    private final LongConsumer onSample;
    private final List<ContainerInfo> containers;

    private BenchEngine(SyntheticHost host, LongConsumer onSample) {
        this.host = host;
        this.onSample = onSample;
        Instant started = Instant.now().minusSeconds(600);
        this.containers = List.of(
                new ContainerInfo(SyntheticHost.WEB_ID, SyntheticHost.WEB_NAME, IMAGE, DIGEST,
                        List.of("nginx", "-g", "daemon off;"), Isolation.PROCESS, ContainerState.RUNNING, null,
                        SyntheticHost.WEB_PIDS[0], started, started, null, null, false, "runc (benchmark)"),
                new ContainerInfo(SyntheticHost.VM_ID, SyntheticHost.VM_NAME, IMAGE, DIGEST,
                        List.of("ping", "localhost"), Isolation.HYPERV, ContainerState.RUNNING, null, 91_000L,
                        started, started, null, null, false, "qemu (benchmark)"));
    }

    /** An engine over {@code host}; {@code onSample} gets {@link System#nanoTime()} of each host-table sample. */
    static ContainerEngine over(SyntheticHost host, LongConsumer onSample) {
        return (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
                new Class<?>[] {ContainerEngine.class}, new BenchEngine(host, onSample));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "hostProcesses" -> hostProcesses();
            case "list" -> containers;
            case "processes" -> processes((String) args[0]);
            case "inspect" -> containers.stream().filter(c -> c.id().equals(args[0]) || c.name().equals(args[0]))
                    .findFirst().orElseThrow();
            case "readiness" -> List.of(new RuntimeReadiness(Isolation.PROCESS, true, "runc (benchmark)", null, null),
                    new RuntimeReadiness(Isolation.HYPERV, true, "qemu (benchmark)", null, null));
            case "images" -> List.of(new ImageInfo(IMAGE, DIGEST, 1_000_000, Instant.EPOCH));
            case "subscribe" -> (AutoCloseable) () -> { };
            case "close" -> null;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "BenchEngine";
            default -> empty(method);
        };
    }

    private synchronized List<HostProcess> hostProcesses() {
        onSample.accept(System.nanoTime());
        return host.sample();
    }

    private List<ContainerProcess> processes(String id) {
        if (!SyntheticHost.WEB_ID.equals(id)) {
            return List.of(inside(1, 0, null, "root", "ping", "ping localhost"));
        }
        return List.of(
                inside(1, 0, SyntheticHost.WEB_PIDS[0], "root", "nginx", "nginx: master process"),
                inside(7, 1, SyntheticHost.WEB_PIDS[1], "www-data", "nginx", "nginx: worker process"),
                inside(8, 1, SyntheticHost.WEB_PIDS[2], "www-data", "nginx", "nginx: worker process"));
    }

    private static ContainerProcess inside(long pid, long ppid, Long hostPid, String user, String name, String cmd) {
        return new ContainerProcess(pid, ppid, hostPid, user, name, cmd, 1.5, 8 << 20, Instant.EPOCH);
    }

    /** An empty answer of the method's type; a call the benchmark cannot answer fails as an engine error would. */
    private static Object empty(Method method) {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return null;
        }
        if (type == List.class || type == Collection.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == String.class) {
            return "";
        }
        throw new UnsupportedOperationException("the benchmark engine does not answer " + method.getName());
    }
}
