package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommandsTest {

    private static final String PING_NOT_FOUND = "host-ps : Cannot find a process with the name \"ping\". "
            + "Verify the process name and call the cmdlet again.";

    private final CliHarness process = new CliHarness();
    private final CliHarness hyperv = new CliHarness(new CliTestEngine().withHyperv(true));

    @Test
    void topShowsTheContainerSideWithHostPids() {
        ContainerInfo c = process.runDetached("busybox", "ping", "127.0.0.1");
        long hostPid = process.engine.processes(c.id()).get(0).hostPid();

        Result r = process.run("top", c.name());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(String.format("""
                PID                 HOST PID            USER                TIME                CMD
                1                   %-20sroot                00:00:00            ping 127.0.0.1
                """, hostPid));
    }

    @Test
    void topShowsADashWhereTheHostCannotSeeTheProcess() {
        ContainerInfo c = hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "127.0.0.1");

        String row = hyperv.run("top", c.shortId()).out().lines().skip(1).findFirst().orElseThrow();

        assertThat(row.split(" {3,}")).containsExactly("1", "-", "root", "00:00:00", "ping 127.0.0.1");
    }

    @Test
    void topOfAStoppedContainerIsAnError() {
        ContainerInfo c = process.runDetached("busybox", "true");
        process.engine.exit(c.id(), 0);

        Result r = process.run("top", c.name());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: container " + c.id() + " is not running\n");
    }

    @Test
    void cpuTimeIsHoursMinutesSeconds() {
        assertThat(ProcessTables.cpuTime(0.99)).isEqualTo("00:00:00");
        assertThat(ProcessTables.cpuTime(3725.4)).isEqualTo("01:02:05");
        assertThat(ProcessTables.cpuTime(360000)).isEqualTo("100:00:00");
    }

    @Test
    void hostPsByNameFindsTheSameProcessUnderProcessIsolation() {
        ContainerInfo c = process.runDetached("busybox", "ping", "127.0.0.1");
        long hostPid = process.engine.processes(c.id()).get(0).hostPid();

        Result r = process.run("host-ps", "--name", "PI*");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow().trim().split(" {3,}")).containsExactly(
                "Id", "ProcessName", "CPU(s)", "WS(M)", "VM(M)", "Threads", "SI", "User", "Role", "Container");
        assertThat(r.out().lines().skip(1)).singleElement().satisfies(row -> assertThat(row.trim().split(" {3,}"))
                .containsExactly(Long.toString(hostPid), "ping", "0.50", "4.00", "16.00", "1",
                        Long.toString(hostPid), "root", "container", c.shortId()));
    }

    @Test
    void hostPsByNameCannotFindTheProcessUnderHypervIsolation() {
        hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "127.0.0.1");

        Result r = hyperv.run("host-ps", "--name", "ping");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(PING_NOT_FOUND + "\n");
    }

    @Test
    void hostPsShowsTheVmWorkerOfAHypervContainer() {
        ContainerInfo c = hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "127.0.0.1");

        Result r = hyperv.run("host-ps", "--name=vmwp");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().skip(1)).singleElement()
                .satisfies(row -> assertThat(row).contains(" vmwp ", " vm-worker ").endsWith(c.shortId()));
    }

    @Test
    void hostPsWithoutNameListsEveryProcessByName() {
        process.runDetached("busybox", "ping", "127.0.0.1");

        Result r = process.run("host-ps");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.trim().split(" {3,}")[1]))
                .containsExactly("init", "ping", "sshd");
        assertThat(r.out().lines().filter(l -> l.contains(" host")).toList())
                .allSatisfy(l -> assertThat(l).endsWith("host"));
    }

    @Test
    void compareUnderProcessIsolationMarksTheSameProcessOnBothSides() {
        ContainerInfo c = process.runDetached("--name", "pinger", "busybox", "ping", "127.0.0.1");
        ContainerProcess inside = process.engine.processes(c.id()).get(0);

        Result r = process.run("compare", "pinger", "--name", "ping");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Container side (isoscope top pinger):\n",
                "Host side (isoscope host-ps --name ping):\n");
        assertThat(r.out().lines().filter(l -> l.startsWith("* ")).map(l -> l.substring(2).split(" {3,}")[0]))
                .containsExactly("1", Long.toString(inside.hostPid()));
        assertThat(r.out()).endsWith("\nVerdict: ping (container PID 1) is host PID " + inside.hostPid()
                + ": the host kernel runs it\n");
    }

    @Test
    void compareUnderHypervIsolationShowsGetProcessesMessageAndTheVmVerdict() {
        ContainerInfo c = hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "127.0.0.1");
        long vmwp = hyperv.engine.hostProcesses().stream().filter(p -> c.id().equals(p.containerId()))
                .findFirst().orElseThrow().pid();

        Result r = hyperv.run("compare", "--name", "ping", c.name());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Host side (isoscope host-ps --name ping):\n" + PING_NOT_FOUND + "\n");
        assertThat(r.out().lines().filter(l -> l.startsWith("* "))).as("nothing correlates visibly").isEmpty();
        assertThat(r.out()).endsWith("\nVerdict: ping (container PID 1) is not visible on the host: it runs in the VM "
                + "behind vmwp (PID " + vmwp + ")\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void compareWithoutNameMarksTheVmWorkerInTheWholeHostTable() {
        ContainerInfo c = hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "127.0.0.1");

        Result r = hyperv.run("compare", c.name());

        assertThat(r.out().lines().filter(l -> l.startsWith("* ")))
                .singleElement().satisfies(l -> assertThat(l).contains(" vmwp ").endsWith(c.shortId()));
        assertThat(r.out()).contains("Host side (isoscope host-ps):\n");
    }

    @Test
    void compareOfAStoppedContainerSaysSo() {
        ContainerInfo c = process.runDetached("busybox", "true");
        process.engine.exit(c.id(), 0);

        Result r = process.run("compare", c.name());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).endsWith("Verdict: " + c.name() + " is not running: no process to compare\n");
    }

    @Test
    void topAndCompareNeedExactlyOneContainer() {
        assertThat(process.run("top").exit()).isEqualTo(2);
        assertThat(process.run("compare", "a", "b").err()).startsWith("isoscope: 'isoscope compare' requires exactly 1 argument.");
        assertThat(process.opens()).isZero();
    }

    @Test
    void unknownContainerIsAnEngineErrorWithExitCode1() {
        Result r = process.run("top", "nosuch");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such container: nosuch\n");
    }
}
