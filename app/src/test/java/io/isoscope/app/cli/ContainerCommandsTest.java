package io.isoscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.app.cli.CliHarness.Result;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.testing.FakeContainerEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerCommandsTest {

    private final CliHarness h = new CliHarness();

    @Test
    void stopPrintsEachReferenceAsGivenAndUsesDockersDefaultGrace() {
        ContainerInfo web = h.runDetached("--name", "web", "busybox", "ping", "a");
        ContainerInfo db = h.runDetached("busybox", "ping", "b");

        Result r = h.run("stop", "web", db.id());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("web\n" + db.id() + "\n");
        assertThat(h.engine.graces()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(h.engine.inspect(web.id()).state()).isEqualTo(ContainerState.EXITED);
        assertThat(h.engine.inspect(db.id()).state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void stopTakesAGracePeriodInSeconds() {
        h.runDetached("--name", "web", "busybox", "ping", "a");

        assertThat(h.run("stop", "-t", "3", "web").exit()).isZero();
        assertThat(h.run("stop", "web", "--time=0").exit()).isZero();

        assertThat(h.engine.graces()).containsExactly(Duration.ofSeconds(3), Duration.ZERO);
    }

    @Test
    void stopWithABadGraceIsAUsageError() {
        Result r = h.run("stop", "-t", "soon", "web");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("isoscope: invalid argument \"soon\" for \"-t, --timeout\" flag");
    }

    @Test
    void aMissingContainerIsReportedAndTheOthersStillHandled() {
        h.runDetached("--name", "web", "busybox", "ping", "a");

        Result r = h.run("kill", "nosuch", "web");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("web\n");
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such container: nosuch\n");
        assertThat(h.engine.calls()).endsWith("kill web;");
    }

    @Test
    void rmRefusesARunningContainerUnlessForced() {
        h.runDetached("--name", "web", "busybox", "ping", "a");

        Result refused = h.run("rm", "web");
        Result forced = h.run("rm", "-f", "web");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("isoscope: Error response from engine: You cannot remove a running container");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).isEqualTo("web\n");
        assertThat(h.engine.list(true)).isEmpty();
    }

    @Test
    void logsPrintsTheContainersOutput() {
        ContainerInfo c = h.runDetached("busybox", "ping", "127.0.0.1");

        Result r = h.run("logs", c.name());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(h.engine.logs(c.id()));
    }

    @Test
    void inspectPrintsAJsonArrayOfContainerInfoWithIsoTimes() throws Exception {
        ContainerInfo c = h.runDetached("--name", "web", "busybox", "ping", "127.0.0.1");

        Result r = h.run("inspect", "web");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("[\n    {\n        \"id\": \"" + c.id() + "\",\n");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.isArray()).isTrue();
        JsonNode info = json.get(0);
        assertThat(info.get("name").asText()).isEqualTo("web");
        assertThat(info.get("command").get(1).asText()).isEqualTo("127.0.0.1");
        assertThat(info.get("isolation").asText()).isEqualTo("PROCESS");
        assertThat(info.get("state").asText()).isEqualTo("RUNNING");
        assertThat(Instant.parse(info.get("startedAt").asText())).isEqualTo(c.startedAt());
        assertThat(info.get("finishedAt").isNull()).isTrue();
        assertThat(info.has("running")).as("only the record's components").isFalse();
    }

    @Test
    void inspectShowsTheEnvironmentCommandAndLimitsInDockersSections() throws Exception {
        h.runDetached("--name", "db", "-e", "DB_PASSWORD=s3cr=t", "--env", "MODE=test", "-m", "256m", "--cpus", "2",
                "--pids-limit", "100", "busybox", "sh", "-c", "echo $MODE");
        h.runDetached("--name", "plain", "busybox", "true");

        Result r = h.run("inspect", "db", "plain");

        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode db = json.get(0);
        assertThat(db.at("/Config/Env").toString()).as("the image's PATH, then -e's, secrets shown as docker does")
                .isEqualTo("[\"" + FakeContainerEngine.IMAGE_PATH + "\",\"DB_PASSWORD=s3cr=t\",\"MODE=test\"]");
        assertThat(db.at("/Config/Cmd").toString()).isEqualTo("[\"sh\",\"-c\",\"echo $MODE\"]");
        assertThat(db.at("/Config/Tty").asBoolean()).isFalse();
        assertThat(db.at("/HostConfig/Isolation").asText()).isEqualTo("process");
        assertThat(db.at("/HostConfig/Memory").asLong()).isEqualTo(256L * 1024 * 1024);
        assertThat(db.at("/HostConfig/NanoCpus").asLong()).isEqualTo(2_000_000_000L);
        assertThat(db.at("/HostConfig/PidsLimit").asLong()).isEqualTo(100);
        JsonNode plain = json.get(1);
        assertThat(plain.at("/HostConfig/Memory").asLong()).as("0 = unlimited").isZero();
        assertThat(plain.at("/HostConfig/NanoCpus").asLong()).isZero();
        assertThat(plain.at("/HostConfig/PidsLimit").asLong()).as("the engine's default")
                .isEqualTo(ContainerSpec.DEFAULT_PIDS_LIMIT);
        assertThat(r.out()).contains("\n        \"Config\": {\n            \"Cmd\": [\n");
    }

    @Test
    void inspectOfAMissingContainerPrintsAnEmptyArrayAndFails() {
        Result r = h.run("inspect", "nosuch");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("[]\n");
        assertThat(r.err()).isEqualTo("isoscope: Error response from engine: No such container: nosuch\n");
    }
}
