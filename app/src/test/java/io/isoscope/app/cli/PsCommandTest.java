package io.isoscope.app.cli;

import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PsCommandTest {

    private final CliHarness h = new CliHarness();

    @Test
    void runningContainersInDockersColumns() {
        ContainerInfo c = h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");

        Result r = h.run(c.startedAt().plusSeconds(180), "ps");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(String.format("""
                CONTAINER ID   IMAGE            COMMAND            CREATED         STATUS         ISOLATION   NAMES
                %s   busybox:latest   "ping 127.0.0.1"   3 minutes ago   Up 3 minutes   process     web
                """, c.shortId()));
    }

    @Test
    void anExitedContainerShowsOnlyWithAllAndItsExitCode() {
        ContainerInfo c = h.runDetached("busybox", "sh", "-c", "exit 3");
        h.engine.exit(c.id(), 3);
        ContainerInfo exited = h.engine.inspect(c.id());

        Result running = h.run(exited.finishedAt().plusSeconds(5), "ps");
        Result all = h.run(exited.finishedAt().plusSeconds(5), "ps", "-a");

        assertThat(running.out().lines()).hasSize(1);
        assertThat(all.out().lines()).hasSize(2);
        assertThat(all.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith(c.shortId())
                .contains("\"sh -c exit 3\"")
                .contains("Exited (3) 5 seconds ago")
                .endsWith(c.name());
    }

    @Test
    void createdAndHypervContainersAreLabelled() {
        CliHarness hyperv = new CliHarness(new CliTestEngine().withHyperv(true));
        ContainerInfo c = hyperv.runDetached("--isolation=hyperv", "busybox", "ping", "localhost");

        String row = hyperv.run(c.createdAt(), "ps").out().lines().skip(1).findFirst().orElseThrow();

        assertThat(row).contains("Less than a second ago", "Up Less than a second", "hyperv");
    }

    @Test
    void quietPrintsShortIdsNewestFirstAndNoTruncPrintsFullOnes() {
        ContainerInfo first = h.runDetached("busybox", "ping", "a");
        ContainerInfo second = h.runDetached("busybox", "ping", "b");

        assertThat(h.run("ps", "-q").out()).isEqualTo(second.shortId() + "\n" + first.shortId() + "\n");
        assertThat(h.run("ps", "-q", "--no-trunc").out()).isEqualTo(second.id() + "\n" + first.id() + "\n");
    }

    @Test
    void longCommandsAreCutTo20CharactersWithAnEllipsisUnlessNoTrunc() {
        ContainerInfo c = h.runDetached("busybox", "ping", "-c", "1000", "-i", "0.5", "127.0.0.1");

        assertThat(h.run(c.createdAt(), "ps").out()).contains("\"ping -c 1000 -i 0.5…\"");
        assertThat(h.run(c.createdAt(), "ps", "--no-trunc").out()).contains("\"ping -c 1000 -i 0.5 127.0.0.1\"")
                .contains(c.id());
    }

    @Test
    void operandsAreRejected() {
        Result r = h.run("ps", "extra");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("isoscope: 'isoscope ps' accepts no arguments.");
    }

    @Test
    void commandsAreQuotedLikeGo() {
        assertThat(GoQuote.quote("echo \"hi\"\tthere\\")).isEqualTo("\"echo \\\"hi\\\"\\tthere\\\\\"");
        assertThat(GoQuote.quote("bell\u0007")).isEqualTo("\"bell\\x07\"");
    }
}
