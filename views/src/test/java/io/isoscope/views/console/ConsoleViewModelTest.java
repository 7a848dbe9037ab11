package io.isoscope.views.console;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.testing.EchoConsole;
import io.isoscope.engine.testing.FakeContainerEngine;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final UiQueue ui = new UiQueue();
    private final Notices notices = new Notices();
    private FakeContainerEngine engine = new FakeContainerEngine();
    private ConsoleViewModel console;

    private ConsoleViewModel console() {
        console = new ConsoleViewModel(engine, new TaskRunner(Runnable::run, ui), notices);
        return console;
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    private ContainerInfo run(String name, boolean tty, String... command) {
        return engine.run(ContainerSpec.of("busybox", Isolation.PROCESS, command).withName(name).withTty(tty));
    }

    private EchoConsole onlyConsole() {
        assertThat(engine.consoles()).hasSize(1);
        return engine.consoles().get(0);
    }

    private void waitForScreen(String what, String line0) {
        ui.runUntil(what, WAIT, () -> console.screen().screenText().startsWith(line0));
    }

    @Test
    void withoutASelectionItSaysWhatToDo() {
        ConsoleViewModel c = console();
        assertThat(c.placeholderProperty().get()).isEqualTo(ConsoleViewModel.NO_SELECTION);
        assertThat(c.canAttachProperty().get()).isFalse();
        assertThat(c.canOpenShellProperty().get()).isFalse();
    }

    @Test
    void aStoppedContainerGetsAnEmptyStateSayingWhy() {
        run("done", true, "sh");
        engine.exit("done", 1);
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(engine.inspect("done"));

        assertThat(c.placeholderProperty().get())
                .isEqualTo("done is not running (exited with code 1): a console needs a running container.");
        assertThat(c.canAttachProperty().get()).isFalse();
        assertThat(c.canOpenShellProperty().get()).isFalse();
        assertThat(engine.consoles()).isEmpty();

        run("job", false, "true");
        engine.exit("job", 0);
        c.select(engine.inspect("job"));
        assertThat(c.placeholderProperty().get()).as("how to get a container with a console")
                .contains("job is not running (exited with code 0)").contains("Terminal (-it)");
    }

    @Test
    void aContainerWithoutATtyOffersAShellInsteadOfAttaching() {
        ContainerInfo web = run("web", false, "ping", "127.0.0.1");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);

        assertThat(c.canAttachProperty().get()).isFalse();
        assertThat(c.canOpenShellProperty().get()).isTrue();
        assertThat(c.placeholderProperty().get()).contains("web was not run with a terminal (-it)")
                .contains("docker exec -it web sh");
        assertThat(engine.consoles()).as("no session without asking").isEmpty();

        c.openShell();
        ui.runPending();
        assertThat(onlyConsole().isClosed()).isFalse();
        assertThat(c.connectedProperty().get()).isTrue();
        assertThat(c.placeholderProperty().get()).isNull();
        assertThat(c.statusProperty().get()).isEqualTo("Shell (sh) in web — type exit or use Detach to end it");
    }

    @Test
    void showingTheTabAttachesToATtyContainerAndTypingReachesIt() {
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.select(web);
        assertThat(c.canAttachProperty().get()).isTrue();
        assertThat(engine.consoles()).as("not before the tab is shown").isEmpty();

        c.shownProperty().set(true);
        ui.runPending();
        EchoConsole session = onlyConsole();
        assertThat(c.connectedProperty().get()).isTrue();
        assertThat(c.canAttachProperty().get()).isFalse();
        assertThat(c.statusProperty().get())
                .isEqualTo("Attached to web — Ctrl-C is sent to the container; detach with the button");

        c.type("echo hi\r");
        waitForScreen("the echo", "echo hi\n");
        assertThat(console.screen().cursorRow()).isEqualTo(1);

        c.type(new byte[] {3});
        waitForScreen("^C", "echo hi\n^C\n");
        assertThat(session.isClosed()).isFalse();
    }

    @Test
    void outputArrivesInBatchesNotOneHandOverPerByte() throws Exception {
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();
        EchoConsole session = onlyConsole();
        int before = ui.executed();

        for (int i = 0; i < 2000; i++) {
            session.print(i % 80 == 79 ? "\n" : "x");
        }
        ui.runUntil("all output shown", WAIT, () -> c.screen().screenText().chars().filter(ch -> ch == 'x').count()
                + c.screen().scrollbackSize() * 79L >= 1975);
        assertThat(ui.executed() - before).as("hand-overs for 2000 writes").isLessThan(20);
    }

    @Test
    void detachClosesTheSessionAndDoesNotAttachAgainByItself() {
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();
        EchoConsole session = onlyConsole();

        c.detach();
        assertThat(session.isClosed()).isTrue();
        assertThat(c.connectedProperty().get()).isFalse();
        assertThat(c.canAttachProperty().get()).isTrue();
        assertThat(c.statusProperty().get()).startsWith("Detached from web; it keeps running");

        c.shownProperty().set(false);
        c.shownProperty().set(true);
        c.select(engine.inspect("web"));
        ui.runPending();
        assertThat(engine.consoles()).hasSize(1);

        c.attach();
        ui.runPending();
        assertThat(engine.consoles()).hasSize(2);
        assertThat(c.connectedProperty().get()).isTrue();
    }

    @Test
    void resizingTellsTheSessionTheNewCellSize() {
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.resize(100, 30);
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();
        EchoConsole session = onlyConsole();
        Poll.until(() -> session.sizes().size() == 1);
        assertThat(session.sizes().get(0)).containsExactly(100, 30);

        c.resize(120, 40);
        Poll.until(() -> session.sizes().size() == 2);
        assertThat(session.sizes().get(1)).containsExactly(120, 40);
        assertThat(c.screen().columns()).isEqualTo(120);
        assertThat(c.screen().rows()).isEqualTo(40);

        c.resize(120, 40);
        c.type("x");
        waitForScreen("x", "x");
        assertThat(session.sizes()).as("an unchanged size is not sent again").hasSize(2);
    }

    @Test
    void anotherContainerDetachesAndClearsTheTerminal() throws Exception {
        ContainerInfo web = run("web", true, "sh");
        ContainerInfo db = run("db", false, "sleep", "60");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();
        EchoConsole session = onlyConsole();
        session.print("web's prompt # ");
        waitForScreen("prompt", "web's prompt #");

        c.select(db);
        assertThat(session.isClosed()).isTrue();
        assertThat(c.screen().screenText().isBlank()).isTrue();
        assertThat(c.connectedProperty().get()).isFalse();
        assertThat(c.placeholderProperty().get()).contains("db was not run with a terminal");
        ui.runPending();

        c.select(null);
        assertThat(c.placeholderProperty().get()).isEqualTo(ConsoleViewModel.NO_SELECTION);
    }

    @Test
    void theProgramEndingEndsTheSessionAndKeepsItsLastScreen() throws Exception {
        RecordingSession session = new RecordingSession();
        engine = new FakeContainerEngine() {
            @Override
            public synchronized ConsoleSession attach(String container) {
                return session;
            }
        };
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();
        session.print("bye\r\n");
        session.exit(3);

        ui.runUntil("the end", WAIT, () -> !c.connectedProperty().get());
        assertThat(c.screen().lineText(0)).isEqualTo("bye");
        assertThat(c.statusProperty().get()).isEqualTo("web's terminal closed (exit code 3): the container's program ended");
        assertThat(c.placeholderProperty().get()).as("the last screen stays").isNull();
    }

    @Test
    void cursorPositionReportsAreAnsweredThroughTheInput() throws Exception {
        RecordingSession session = new RecordingSession();
        engine = new FakeContainerEngine() {
            @Override
            public synchronized ConsoleSession attach(String container) {
                return session;
            }
        };
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();

        session.print("ab\u001b[6n");
        ui.runUntil("the answer", WAIT, () -> session.typed().equals("\u001b[1;3R"));
        c.paste("ls\nexit\n");
        ui.runUntil("the paste", WAIT, () -> session.typed().endsWith("ls\rexit\r"));
    }

    @Test
    void anAttachTheRuntimeCannotDoIsANotice() {
        engine = new FakeContainerEngine() {
            @Override
            public synchronized ConsoleSession attach(String container) {
                throw new EngineException(EngineException.Kind.RUNTIME_UNAVAILABLE,
                        "attaching to a terminal is not supported by runc 1.1.5 yet");
            }
        };
        ContainerInfo web = run("web", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web);
        ui.runPending();

        assertThat(notices.messageProperty().get())
                .isEqualTo("Could not attach to web: attaching to a terminal is not supported by runc 1.1.5 yet");
        assertThat(c.statusProperty().get()).startsWith("Not connected: attaching to a terminal is not supported");
        assertThat(c.connectedProperty().get()).isFalse();
        assertThat(c.connectingProperty().get()).isFalse();
        assertThat(c.canAttachProperty().get()).as("the user may try again").isTrue();
    }

    @Test
    void aSessionThatOpensAfterTheUserMovedOnIsClosed() {
        ContainerInfo web = run("web", true, "sh");
        ContainerInfo db = run("db", true, "sh");
        ConsoleViewModel c = console();
        c.shownProperty().set(true);
        c.select(web); // attach's result waits in the UI queue
        c.select(db);
        ui.runPending();

        List<EchoConsole> consoles = engine.consoles();
        assertThat(consoles).hasSize(2);
        assertThat(consoles.get(0).isClosed()).as("web's late session").isTrue();
        assertThat(consoles.get(1).isClosed()).isFalse();
    }

    @Test
    void typingWithoutASessionGoesNowhere() {
        ConsoleViewModel c = console();
        c.type("ls\r");
        c.paste("x");
        assertThat(c.screen().screenText().isBlank()).isTrue();
    }

    /** Waits for the session's own threads (no UI work involved). */
    private static final class Poll {
        static void until(java.util.function.BooleanSupplier condition) {
            io.isoscope.engine.testing.Poll.until("the session to hear it", WAIT, condition);
        }
    }
}
