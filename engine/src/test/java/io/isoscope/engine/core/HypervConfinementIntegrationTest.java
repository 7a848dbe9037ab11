package io.isoscope.engine.core;

import org.junit.jupiter.api.Tag;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.Poll;
import io.isoscope.engine.testing.QmpClient;
import io.isoscope.engine.testing.SharedTestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Hyper-V container's VM is given, and who can reach its control channels, on the real QEMU. */
@Tag("fault-injection")
class HypervConfinementIntegrationTest {

    @RegisterExtension
    static final SharedTestEngine fixture = new SharedTestEngine();

    @AfterEach
    void removeAll(ContainerEngine engine) {
        for (ContainerInfo c : engine.list(true)) {
            engine.remove(c.id(), true);
        }
    }

    @Test
    void theAgentConsoleAndQmpSocketsAreOwnerOnlyInAnOwnerOnlyDirectory(ContainerEngine engine) throws IOException {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sleep", "60"));
        Path sockets = fixture.stateDir().resolve("run").resolve(c.id().substring(0, 12));
        String me = Files.getOwner(fixture.stateDir()).getName();

        assertThat(mode(fixture.stateDir().resolve("run"))).isEqualTo("rwx------");
        assertThat(mode(sockets)).isEqualTo("rwx------");
        assertThat(Files.getOwner(sockets).getName()).isEqualTo(me);
        for (String name : List.of("agent.sock", "console.sock", "qmp.sock")) {
            PosixFileAttributes a = Files.readAttributes(sockets.resolve(name), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            assertThat(a.isOther()).as(name + " is a socket").isTrue();
            assertThat(PosixFilePermissions.toString(a.permissions())).as(name).isEqualTo("rw-------");
            assertThat(a.owner().getName()).isEqualTo(me);
        }
        try (var files = Files.list(sockets)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("agent.sock", "console.sock", "qmp.sock");
        }
    }

    @Test
    void theVmHasNoNetworkDeviceNoDiskAndNoSharedHostFiles(ContainerEngine engine) throws IOException {
        ContainerInfo c = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "sh", "-c",
                "cat /proc/net/dev; echo end-of-net; sleep 60"));
        Path qmp = fixture.stateDir().resolve("run").resolve(c.id().substring(0, 12)).resolve("qmp.sock");

        List<String> args = cmdline(c.hostPid());
        assertThat(args).containsSubsequence("-nic", "none").contains("-nodefaults", "-sandbox")
                .noneMatch(a -> List.of("-drive", "-hda", "-cdrom", "-fsdev", "-virtfs", "-netdev", "-net", "-blockdev")
                        .contains(a));
        assertThat(String.join(" ", args)).doesNotContain("virtio-9p").doesNotContain("vhost-user-fs")
                .doesNotContain("virtio-net");
        try (QmpClient monitor = QmpClient.connect(qmp)) {
            assertThat(monitor.execute("query-block", null)).as("no disk, floppy or CD-ROM").isEmpty();
            assertThat(monitor.human("info network").trim()).as("no NIC, no netdev").isEmpty();
            String tree = monitor.human("info qtree");
            assertThat(tree).doesNotContain("virtio-net").doesNotContain("virtio-9p").doesNotContain("vhost-user-fs");
        }
        Poll.until("the guest's list of network interfaces", Duration.ofSeconds(30),
                () -> engine.logs(c.id()).contains("end-of-net"));
        List<String> interfaces = engine.logs(c.id()).lines()
                .takeWhile(l -> !l.equals("end-of-net")).filter(l -> l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':')).trim()).filter(n -> !n.startsWith("Inter")).toList();
        assertThat(interfaces).as("the guest sees only loopback").containsExactly("lo");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> cmdline(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }
}
