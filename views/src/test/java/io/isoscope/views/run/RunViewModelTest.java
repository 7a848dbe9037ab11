package io.isoscope.views.run;

import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.ImageInfo;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.ManualExecutor;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunViewModelTest {

    private final List<ContainerInfo> started = new ArrayList<>();
    private final Notices notices = new Notices();

    private RunViewModel form(FakeContainerEngine engine) {
        return new RunViewModel(engine, new TaskRunner(Runnable::run, Runnable::run), notices, started::add);
    }

    @Test
    void theDockerRunLineFollowsTheForm() {
        RunViewModel form = form(new FakeContainerEngine().withHyperv(true));
        form.loadReadiness();
        assertThat(form.dockerCommandLineProperty().get()).as("the built-in image is the default")
                .isEqualTo("docker run -d busybox");

        form.imageProperty().set("");
        assertThat(form.dockerCommandLineProperty().get()).isEqualTo("docker run -d IMAGE");
        form.imageProperty().set("busybox");

        form.commandProperty().set("ping 127.0.0.1");
        form.nameProperty().set("web");
        assertThat(form.dockerCommandLineProperty().get()).isEqualTo("docker run -d --name web busybox ping 127.0.0.1");

        form.hypervProperty().set(true);
        assertThat(form.dockerCommandLineProperty().get())
                .isEqualTo("docker run -d --isolation=hyperv --name web busybox ping 127.0.0.1");

        form.commandProperty().set("sh -c 'echo hi there'");
        assertThat(form.dockerCommandLineProperty().get())
                .isEqualTo("docker run -d --isolation=hyperv --name web busybox sh -c 'echo hi there'");
    }

    @Test
    void theTerminalBoxRunsWithATtyAndShowsDashIt() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        form.commandProperty().set("sh");
        form.ttyProperty().set(true);
        assertThat(form.dockerCommandLineProperty().get()).isEqualTo("docker run -d -it busybox sh");

        assertThat(form.run()).isTrue();
        assertThat(started).singleElement().satisfies(c -> assertThat(c.tty()).isTrue());
        assertThat(engine.list(true).get(0).tty()).isTrue();

        form.ttyProperty().set(false);
        assertThat(form.dockerCommandLineProperty().get()).isEqualTo("docker run -d busybox sh");
    }

    @Test
    void hypervIsDisabledWithTheEnginesReasonWhileUnavailable() {
        RunViewModel form = form(new FakeContainerEngine());
        form.loadReadiness();

        assertThat(form.hypervAvailableProperty().get()).isFalse();
        assertThat(form.hypervReasonProperty().get())
                .contains("VM isolation is not available in this build").contains("wait for the VM runtime");
        form.hypervProperty().set(true);
        assertThat(form.hypervProperty().get()).isFalse();
        assertThat(form.dockerCommandLineProperty().get()).doesNotContain("--isolation");
        assertThat(form.readinessSummaryProperty().get()).isEqualTo("Process: runc (fake)   ·   Hyper-V: unavailable");
    }

    @Test
    void hypervIsEnabledWhenTheEngineCanRunIt() {
        RunViewModel form = form(new FakeContainerEngine().withHyperv(true));
        assertThat(form.hypervAvailableProperty().get()).as("unknown before readiness is read").isFalse();

        form.loadReadiness();

        assertThat(form.hypervAvailableProperty().get()).isTrue();
        assertThat(form.hypervReasonProperty().get()).isNull();
        form.hypervProperty().set(true);
        assertThat(form.hypervProperty().get()).isTrue();
    }

    @Test
    void theLimitsGoIntoTheSpecAndTheDockerLine() {
        List<ContainerSpec> specs = new ArrayList<>();
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo create(ContainerSpec spec) {
                specs.add(spec);
                return super.create(spec);
            }
        };
        RunViewModel form = form(engine);
        form.commandProperty().set("ping 127.0.0.1");
        form.memoryProperty().set("256m");
        form.cpusProperty().set("1");
        form.pidsLimitProperty().set("100");

        assertThat(form.dockerCommandLineProperty().get())
                .isEqualTo("docker run -d --memory=256m --cpus=1 --pids-limit=100 busybox ping 127.0.0.1");
        assertThat(form.run()).isTrue();
        assertThat(specs.get(0)).extracting(ContainerSpec::memoryMiB, ContainerSpec::cpus, ContainerSpec::pidsLimit)
                .containsExactly(256, 1, 100);

        form.pidsLimitProperty().set("-1");
        assertThat(form.dockerCommandLineProperty().get()).contains("--pids-limit=-1");
        form.memoryProperty().set("");
        form.cpusProperty().set("");
        form.pidsLimitProperty().set("");
        assertThat(form.dockerCommandLineProperty().get()).as("empty fields are the defaults")
                .isEqualTo("docker run -d busybox ping 127.0.0.1");
    }

    @Test
    void aLimitThatIsNotANumberIsFlaggedAtOnceAndBlocksTheRun() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        form.commandProperty().set("ping 127.0.0.1");

        form.memoryProperty().set("lots");
        assertThat(form.limitsErrorProperty().get())
                .isEqualTo("Memory: use a number with an optional unit k, m or g, e.g. 256m or 1g");
        assertThat(form.run()).isFalse();
        form.memoryProperty().set("64m");
        form.cpusProperty().set("half");
        assertThat(form.limitsErrorProperty().get()).isEqualTo("CPUs: use a whole number of CPUs, e.g. 1 or 2");
        form.cpusProperty().set("");
        form.pidsLimitProperty().set("x");
        assertThat(form.limitsErrorProperty().get())
                .isEqualTo("Pids limit: use a whole number of processes, e.g. 100, or -1 for no limit");
        assertThat(form.run()).isFalse();
        assertThat(engine.calls()).isEmpty();

        form.pidsLimitProperty().set("50");
        assertThat(form.limitsErrorProperty().get()).isNull();
        assertThat(form.run()).isTrue();
    }

    @Test
    void thePidsLimitIsOffForHypervAndNotSent() {
        List<ContainerSpec> specs = new ArrayList<>();
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo create(ContainerSpec spec) {
                specs.add(spec);
                return super.create(spec);
            }
        }.withHyperv(true);
        RunViewModel form = form(engine);
        form.loadReadiness();
        form.commandProperty().set("ping 127.0.0.1");
        form.pidsLimitProperty().set("not a number");
        assertThat(form.pidsLimitApplicableProperty().get()).isTrue();

        form.hypervProperty().set(true);

        assertThat(form.pidsLimitApplicableProperty().get()).isFalse();
        assertThat(form.limitsErrorProperty().get()).as("a field that does not apply is not checked").isNull();
        assertThat(form.dockerCommandLineProperty().get()).doesNotContain("--pids-limit");
        assertThat(form.run()).isTrue();
        assertThat(specs.get(0).pidsLimit()).isZero();
    }

    @Test
    void onlyTheCommandIsMissingFromAFreshForm() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        assertThat(form.imageProperty().get()).isEqualTo("busybox");

        assertThat(form.run()).isFalse();

        assertThat(form.imageErrorProperty().get()).isNull();
        assertThat(form.commandErrorProperty().get()).isEqualTo(RunViewModel.COMMAND_REQUIRED);
        form.imageProperty().set("");
        assertThat(form.imageErrorProperty().get()).as("an emptied image field is flagged")
                .isEqualTo(RunViewModel.IMAGE_REQUIRED);
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void busyboxIsOfferedBeforeTheStoreIsReadAndTheStoresOtherImagesAfter() {
        ManualExecutor background = new ManualExecutor();
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public List<ImageInfo> images() {
                return List.of(image("web:2"), image("busybox:latest"), image("alpine:3.19"));
            }
        };
        RunViewModel form = new RunViewModel(engine, new TaskRunner(background, Runnable::run), notices, started::add);
        assertThat(form.images()).containsExactly("busybox");

        form.loadImages();
        assertThat(background.pending()).as("the store is read in the background").isEqualTo(1);
        assertThat(form.images()).containsExactly("busybox");

        background.runAll();
        assertThat(form.images()).as("busybox:latest is busybox, not offered twice")
                .containsExactly("busybox", "alpine:3.19", "web:2");
        assertThat(form.imageProperty().get()).as("reading the store keeps the typed image").isEqualTo("busybox");
    }

    @Test
    void aRunReadsTheStoreAgainSoTheImageItMadeIsOffered() {
        List<ImageInfo> store = new ArrayList<>();
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public synchronized List<ImageInfo> images() {
                return List.copyOf(store);
            }
        };
        RunViewModel form = form(engine);
        form.loadImages();
        assertThat(form.images()).containsExactly("busybox");

        store.add(image("busybox:latest"));
        store.add(image("tools:1"));
        form.commandProperty().set("ping 127.0.0.1");
        form.run();

        assertThat(form.images()).containsExactly("busybox", "tools:1");
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheOfferAsItWas() {
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public List<ImageInfo> images() {
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "store locked");
            }
        };
        RunViewModel form = form(engine);

        form.loadImages();

        assertThat(form.images()).containsExactly("busybox");
        assertThat(notices.messageProperty().get()).as("a convenience list failing is no notice").isNull();
    }

    private static ImageInfo image(String reference) {
        return new ImageInfo(reference, "sha256:" + "0".repeat(64), 1_000_000, Instant.EPOCH);
    }

    @Test
    void runStartsTheContainerThroughTheEngineAndHandsItOn() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        form.imageProperty().set("busybox");
        form.commandProperty().set("ping 127.0.0.1");
        form.nameProperty().set("web");

        assertThat(form.run()).isTrue();

        assertThat(engine.calls()).isEqualTo("create busybox;start web;");
        assertThat(started).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("web");
            assertThat(c.command()).containsExactly("ping", "127.0.0.1");
            assertThat(c.isolation()).isEqualTo(Isolation.PROCESS);
            assertThat(c.isRunning()).isTrue();
        });
        assertThat(form.statusProperty().get()).startsWith("Started web (");
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.errorProperty().get()).isNull();
    }

    @Test
    void emptyImageAndCommandAreFlaggedWithoutCallingTheEngine() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        form.imageProperty().set("  ");
        assertThat(form.imageErrorProperty().get()).as("nothing flagged before the first Run").isNull();

        assertThat(form.run()).isFalse();

        assertThat(engine.calls()).isEmpty();
        assertThat(form.imageErrorProperty().get()).isEqualTo(RunViewModel.IMAGE_REQUIRED);
        assertThat(form.commandErrorProperty().get()).isEqualTo(RunViewModel.COMMAND_REQUIRED);

        form.imageProperty().set("busybox");
        assertThat(form.imageErrorProperty().get()).isNull();
        form.commandProperty().set("   ");
        assertThat(form.commandErrorProperty().get()).isEqualTo(RunViewModel.COMMAND_REQUIRED);
        assertThat(form.run()).isFalse();
        assertThat(engine.calls()).isEmpty();
    }

    @Test
    void anUnknownImageIsShownAtTheImageFieldAndTheFormKeepsItsValues() {
        FakeContainerEngine engine = new FakeContainerEngine();
        RunViewModel form = form(engine);
        form.imageProperty().set("nosuchimage");
        form.commandProperty().set("ping 127.0.0.1");
        form.nameProperty().set("web");

        form.run();

        assertThat(engine.calls()).isEqualTo("create nosuchimage;");
        assertThat(form.imageErrorProperty().get()).isEqualTo("No such image: nosuchimage:latest");
        assertThat(notices.messageProperty().get()).isEqualTo("Could not run nosuchimage: No such image: nosuchimage:latest");
        assertThat(form.imageProperty().get()).isEqualTo("nosuchimage");
        assertThat(form.commandProperty().get()).isEqualTo("ping 127.0.0.1");
        assertThat(form.nameProperty().get()).isEqualTo("web");
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(started).isEmpty();

        form.imageProperty().set("busybox");
        assertThat(form.imageErrorProperty().get()).as("editing the field clears the engine's complaint").isNull();
    }

    @Test
    void aFailureNoFieldCausedIsShownBelowTheForm() {
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo start(String container) {
                throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "runc run failed: permission denied");
            }
        };
        RunViewModel form = form(engine);
        form.imageProperty().set("busybox");
        form.commandProperty().set("ping 127.0.0.1");

        form.run();

        assertThat(form.errorProperty().get()).isEqualTo("runc run failed: permission denied");
        assertThat(form.imageErrorProperty().get()).isNull();
        assertThat(form.commandErrorProperty().get()).isNull();
        assertThat(notices.messageProperty().get()).contains("runc run failed: permission denied");
        assertThat(form.imageProperty().get()).isEqualTo("busybox");
        assertThat(form.commandProperty().get()).isEqualTo("ping 127.0.0.1");
        assertThat(engine.list(true)).as("run removes what create made").isEmpty();
    }

    @Test
    void aMissingCommandIsShownAtTheCommandField() {
        FakeContainerEngine engine = new FakeContainerEngine() {
            @Override
            public synchronized ContainerInfo create(ContainerSpec spec) {
                throw new EngineException(EngineException.Kind.COMMAND_NOT_FOUND,
                        "exec: \"pong\": executable file not found in $PATH");
            }
        };
        RunViewModel form = form(engine);
        form.imageProperty().set("busybox");
        form.commandProperty().set("pong 127.0.0.1");

        form.run();

        assertThat(form.commandErrorProperty().get()).isEqualTo("exec: \"pong\": executable file not found in $PATH");
        assertThat(form.errorProperty().get()).isNull();
        assertThat(form.commandProperty().get()).isEqualTo("pong 127.0.0.1");
    }
}
