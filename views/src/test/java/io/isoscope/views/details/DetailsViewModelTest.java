package io.isoscope.views.details;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.InspectDocument;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DetailsViewModelTest {

    private final FakeContainerEngine engine = new FakeContainerEngine() {
        @Override
        public Path logFile(String container) {
            return Path.of("/var/lib/isoscope/containers", inspect(container).id(), "log");
        }
    }.withHyperv(true);
    private final DetailsViewModel details =
            new DetailsViewModel(engine, new TaskRunner(Runnable::run, Runnable::run), ZoneOffset.UTC);

    private ContainerInfo run(String name, Isolation isolation) {
        return engine.run(ContainerSpec.of("busybox", isolation, "sh", "-c", "echo hi; sleep 60").withName(name));
    }

    private Optional<String> value(String group, String name) {
        return details.rows().stream().filter(r -> !r.header() && r.group().equals(group) && r.name().equals(name))
                .map(PropertyRow::value).findFirst();
    }

    @Test
    void withNothingSelectedItShowsNothingAndAsksForASelection() {
        assertThat(details.rows()).isEmpty();
        assertThat(details.jsonProperty().get()).isEmpty();
        assertThat(details.placeholderProperty().get()).isEqualTo(DetailsViewModel.SELECT_ONE);
        assertThat(details.hasContainerProperty().get()).isFalse();
        assertThat(details.allText()).isEmpty();
    }

    @Test
    void aContainerIsShownAsGroupedPropertiesAndAsInspectsJson() {
        ContainerInfo web = run("web", Isolation.PROCESS);

        details.select(web);

        assertThat(details.rows()).filteredOn(PropertyRow::header).extracting(PropertyRow::name)
                .containsExactly("General", "State", "Isolation", "Limits", "Command", "Environment", "Paths");
        assertThat(value("General", "Name")).contains("web");
        assertThat(value("General", "ID")).contains(web.id());
        assertThat(value("General", "Image")).contains("busybox:latest");
        assertThat(value("State", "State")).contains("running");
        assertThat(value("State", "Exit code")).contains("—");
        assertThat(value("Isolation", "Isolation")).hasValueSatisfying(v -> assertThat(v).startsWith("Process"));
        assertThat(value("Isolation", "Host PID")).hasValueSatisfying(v -> assertThat(v).startsWith(web.hostPid() + " "));
        assertThat(value("Isolation", "Runtime")).contains("runc (fake)");
        assertThat(value("Command", "Command")).contains("sh -c 'echo hi; sleep 60'");
        assertThat(value("Command", "Terminal")).contains("no");
        assertThat(value("Limits", "Memory")).contains("unlimited");
        assertThat(value("Limits", "CPUs")).contains("unlimited");
        assertThat(value("Limits", "Processes")).as("the engine's default").contains("4096");
        assertThat(value("Environment", "PATH")).hasValueSatisfying(v -> assertThat(v).startsWith("/usr/local/sbin:"));
        assertThat(value("Paths", "Log file")).contains("/var/lib/isoscope/containers/" + web.id() + "/log");
        assertThat(details.jsonProperty().get()).isEqualTo(InspectDocument.of(web).json()).contains("\"id\": \"" + web.id());
        assertThat(details.titleProperty().get()).isEqualTo("Details of web");
        assertThat(details.commandProperty().get()).isEqualTo("isoscope inspect web");
    }

    @Test
    void theEnvironmentIsListedAsGivenAndTheLimitsAsCreated() {
        ContainerInfo db = engine.run(new ContainerSpec("busybox", List.of("sh"), "db", Isolation.PROCESS,
                List.of("DB_PASSWORD=s3cr=t", "EMPTY=", "MODE=test"), false, 256, 2, 100).withTty(true));

        details.select(db);

        assertThat(details.rows()).filteredOn(r -> !r.header() && r.group().equals("Environment"))
                .extracting(PropertyRow::name, PropertyRow::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PATH", FakeContainerEngine.IMAGE_PATH.substring(5)),
                        org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", "s3cr=t"),
                        org.assertj.core.groups.Tuple.tuple("EMPTY", ""),
                        org.assertj.core.groups.Tuple.tuple("MODE", "test"));
        assertThat(value("Limits", "Memory")).contains("256 MiB");
        assertThat(value("Limits", "CPUs")).contains("2");
        assertThat(value("Limits", "Processes")).contains("100");
        assertThat(value("Command", "Terminal")).hasValueSatisfying(v -> assertThat(v).startsWith("yes"));
        assertThat(details.allText()).contains("Environment\n  PATH: ", "\n  DB_PASSWORD: s3cr=t\n",
                "Limits\n  Memory: 256 MiB\n  CPUs: 2\n  Processes: 100\n");
        assertThat(details.jsonProperty().get()).contains("\"DB_PASSWORD=s3cr=t\"", "\"Memory\": 268435456");
    }

    @Test
    void aVmsLimitsAreItsSize() {
        ContainerInfo vm = engine.run(ContainerSpec.of("busybox", Isolation.HYPERV, "true").withLimits(1024, 2));

        details.select(vm);

        assertThat(value("Limits", "Memory")).contains("1 GiB (the VM's RAM)");
        assertThat(value("Limits", "CPUs")).contains("2 (the VM's vCPUs)");
        assertThat(value("Limits", "Processes")).hasValueSatisfying(v -> assertThat(v).startsWith("unlimited by the host"));
    }

    @Test
    void aContainerFromAnOlderIsoscopeShowsItsEnvironmentAndLimitsAsUnknown() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        ContainerInfo old = new ContainerInfo(web.id(), web.name(), web.image(), web.imageDigest(), web.command(),
                web.isolation(), web.state(), web.exitCode(), web.hostPid(), web.createdAt(), web.startedAt(),
                web.finishedAt(), web.reason(), web.autoRemove(), web.runtime(), web.tty());

        details.select(old);

        assertThat(value("Limits", "Memory")).hasValueSatisfying(v -> assertThat(v).startsWith("unknown"));
        assertThat(value("Limits", "CPUs")).hasValueSatisfying(v -> assertThat(v).startsWith("unknown"));
        assertThat(value("Limits", "Processes")).hasValueSatisfying(v -> assertThat(v).startsWith("unknown"));
        assertThat(details.rows()).filteredOn(r -> !r.header() && r.group().equals("Environment"))
                .singleElement().satisfies(r -> assertThat(r.value()).startsWith("unknown"));
        assertThat(details.jsonProperty().get()).contains("\"Env\": null", "\"Memory\": null");
    }

    @Test
    void aNewerSnapshotUpdatesTheStateAndAnEqualOneChangesNothing() {
        ContainerInfo web = run("web", Isolation.HYPERV);
        details.select(web);
        assertThat(value("Isolation", "VM worker PID")).hasValueSatisfying(v -> assertThat(v).contains("vmwp"));
        List<PropertyRow> before = List.copyOf(details.rows());
        List<Object> changes = new java.util.ArrayList<>();
        details.rows().addListener((javafx.collections.ListChangeListener<PropertyRow>) changes::add);

        details.select(engine.inspect("web"));
        assertThat(changes).as("the same snapshot again").isEmpty();

        engine.exit("web", 3);
        ContainerInfo exited = engine.inspect("web");
        details.select(exited);

        assertThat(value("State", "State")).contains("exited (3)");
        assertThat(value("State", "Exit code")).contains("3");
        assertThat(value("Isolation", "VM worker PID")).contains("—");
        assertThat(details.rows()).isNotEqualTo(before);
        assertThat(details.jsonProperty().get()).contains("\"state\": \"EXITED\"", "\"exitCode\": 3");
    }

    @Test
    void theLogFileIsLookedUpInTheBackgroundForTheContainerStillSelected() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        ContainerInfo db = run("db", Isolation.PROCESS);
        ManualExecutor background = new ManualExecutor();
        DetailsViewModel slow = new DetailsViewModel(engine, new TaskRunner(background, Runnable::run), ZoneOffset.UTC);

        slow.select(web);
        slow.select(db);
        background.runAll();

        assertThat(slow.rows()).filteredOn(r -> r.name().equals("Log file")).extracting(PropertyRow::value)
                .containsExactly("/var/lib/isoscope/containers/" + db.id() + "/log");
    }

    @Test
    void copiedTextNamesEachPropertyUnderItsGroup() {
        ContainerInfo web = run("web", Isolation.PROCESS);
        details.select(web);

        List<PropertyRow> general = details.rows().subList(0, 3);

        assertThat(details.textOf(general)).isEqualTo("General\n  Name: web\n  ID: " + web.id() + "\n");
        assertThat(details.allText()).startsWith("General\n  Name: web\n").contains("\nState\n  State: running\n");

        details.select(null);
        assertThat(details.rows()).isEmpty();
        assertThat(details.jsonProperty().get()).isEmpty();
    }
}
