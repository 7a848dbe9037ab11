package io.isoscope.views.console;

import io.isoscope.engine.api.ConsoleSession;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.ContainerState;
import io.isoscope.engine.api.EngineException;
import io.isoscope.views.common.Notices;
import io.isoscope.views.common.TaskRunner;
import io.isoscope.views.console.terminal.TerminalEmulator;
import io.isoscope.views.console.terminal.TerminalKeys;
import io.isoscope.views.console.terminal.TerminalScreen;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The Console tab: an interactive terminal on the selected container, attached to its TTY ({@code docker attach})
 * or to a shell started in it ({@code docker exec -it CONTAINER sh}). Output is read on a background thread and
 * fed to the {@link TerminalEmulator} on the UI thread in batches; what is typed goes to the session in order.
 * Switching to another container detaches (the container runs on). UI thread only, except {@link #close()}.
 */
public final class ConsoleViewModel implements AutoCloseable {

    /** Lines of history the terminal keeps. */
    static final int SCROLLBACK_LINES = 5000;
    /** The shell {@link #openShell()} starts. */
    static final List<String> SHELL = List.of("sh");
    static final String NO_SELECTION = "Select a container to open its console";

    private enum Kind { ATTACH, EXEC }

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final Notices notices;
    private final TerminalEmulator terminal = new TerminalEmulator(80, 24, SCROLLBACK_LINES, this::send);

    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NO_SELECTION);
    private final ReadOnlyBooleanWrapper canAttach = new ReadOnlyBooleanWrapper(this, "canAttach");
    private final ReadOnlyBooleanWrapper canOpenShell = new ReadOnlyBooleanWrapper(this, "canOpenShell");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(this, "connecting");
    private final ReadOnlyIntegerWrapper showRequests = new ReadOnlyIntegerWrapper(this, "showRequests");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");

    private ContainerInfo container;
    private ConsoleConnection connection;
    private Kind kind;
    /** The current container's terminal has something worth keeping on screen (a session ran). */
    private boolean hasOutput;
    /** Attaching by itself is done for this container (tried once, or the user detached). */
    private boolean autoAttachDone;
    private int columns = 80;
    private int rows = 24;

    /** The console over {@code engine}; engine calls run through {@code tasks}, failures go to {@code notices}. */
    public ConsoleViewModel(ContainerEngine engine, TaskRunner tasks, Notices notices) {
        this.engine = engine;
        this.tasks = tasks;
        this.notices = notices;
        shown.addListener((obs, was, now) -> autoAttach());
    }

    // ---- what the view shows ----

    /** The terminal's screen, for drawing. UI thread only. */
    public TerminalScreen screen() {
        return terminal.screen();
    }

    /** Changes whenever the screen did (a batch of output, a resize, a reset): the view redraws. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** One line about the session: what is attached and how to leave, or how the last one ended. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why there is no terminal to show (the empty state), or {@code null} when the terminal is shown. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Whether Attach applies: the container runs on a TTY and no session is open or opening. */
    public ReadOnlyBooleanProperty canAttachProperty() {
        return canAttach.getReadOnlyProperty();
    }

    /** Whether "Open a shell" applies: the container runs and no session is open or opening. */
    public ReadOnlyBooleanProperty canOpenShellProperty() {
        return canOpenShell.getReadOnlyProperty();
    }

    /** Whether a session is open: typing goes to it, Detach applies. */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** Whether a session is being opened. */
    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    /** Counts requests to bring the Console tab to the front (a TTY container was just run from the form). */
    public ReadOnlyIntegerProperty showRequestsProperty() {
        return showRequests.getReadOnlyProperty();
    }

    /** Whether the Console tab is the one shown; the view sets it. Showing it attaches to a TTY container once. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    // ---- what the rest of the window tells it ----

    /**
     * The selected container as last listed, or {@code null}. Another container than before detaches from the
     * old one and clears the terminal; the same one only updates its state. UI thread only.
     */
    public void select(ContainerInfo info) {
        String before = container == null ? null : container.id();
        String now = info == null ? null : info.id();
        container = info;
        if (!Objects.equals(before, now)) {
            disconnect();
            autoAttachDone = false;
            hasOutput = false;
            status.set("");
            terminal.reset();
            terminal.resize(columns, rows);
            changed();
        }
        update();
        autoAttach();
    }

    /** Asks the window to show the Console tab (the form ran a container with a TTY). UI thread only. */
    public void requestShow() {
        showRequests.set(showRequests.get() + 1);
    }

    // ---- commands ----

    /** Attaches to the selected container's terminal, in the background. UI thread only. */
    public void attach() {
        if (canAttach.get()) {
            connect(Kind.ATTACH, () -> engine.attach(container.id()), "attach to");
        }
    }

    /** Starts {@code sh} on a new terminal in the selected container (docker exec -it), in the background. */
    public void openShell() {
        if (canOpenShell.get()) {
            connect(Kind.EXEC, () -> engine.exec(container.id(), SHELL, true), "open a shell in");
        }
    }

    /** Closes the session: an attached container runs on, an exec'd shell is hung up. UI thread only. */
    public void detach() {
        if (connection == null) {
            return;
        }
        String name = container.name();
        Kind was = kind;
        disconnect();
        autoAttachDone = true;
        status.set(was == Kind.ATTACH ? "Detached from " + name + "; it keeps running. Attach again with the button"
                : "Closed the shell in " + name);
        update();
    }

    /** Sends typed bytes to the session; nothing without one. UI thread only. */
    public void type(byte[] bytes) {
        send(bytes);
    }

    /** Sends typed text (UTF-8). UI thread only. */
    public void type(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Pastes {@code text} as the program expects it (line ends as Enter; bracketed if it asked). UI thread only. */
    public void paste(String text) {
        if (text != null && !text.isEmpty()) {
            send(TerminalKeys.paste(text, terminal.screen().bracketedPaste()));
        }
    }

    /** The view's size in cells changed: the terminal and the session follow. UI thread only. */
    public void resize(int newColumns, int newRows) {
        if (newColumns < 1 || newRows < 1 || (newColumns == columns && newRows == rows)) {
            return;
        }
        columns = newColumns;
        rows = newRows;
        terminal.resize(columns, rows);
        if (connection != null) {
            connection.resize(columns, rows);
        }
        changed();
    }

    /** Detaches whatever session is open, without touching properties. Thread-safe, idempotent. */
    @Override
    public void close() {
        ConsoleConnection open;
        synchronized (this) {
            open = connection;
        }
        if (open != null) {
            open.close();
        }
    }

    // ---- internals ----

    private void autoAttach() {
        if (shown.get() && !autoAttachDone && container != null && container.isRunning() && container.tty()
                && canAttach.get()) {
            autoAttachDone = true;
            attach();
        }
    }

    private void connect(Kind newKind, Supplier<ConsoleSession> open, String verb) {
        ContainerInfo target = container;
        connecting.set(true);
        status.set("Connecting to " + target.name() + "…");
        update();
        tasks.submit(open, session -> opened(target, newKind, session), e -> failed(target, verb, e));
    }

    private void opened(ContainerInfo target, Kind newKind, ConsoleSession session) {
        connecting.set(false);
        if (container == null || !container.id().equals(target.id())) {
            // The user moved on while it connected.
            tasks.submit(() -> {
                session.close();
                return null;
            }, ignored -> { }, ignored -> { });
            update();
            autoAttach(); // the container selected meanwhile may want its own session
            return;
        }
        terminal.reset();
        terminal.resize(columns, rows);
        ConsoleConnection c = new ConsoleConnection(session, tasks::onUi, new ConnectionListener());
        synchronized (this) {
            connection = c;
        }
        kind = newKind;
        hasOutput = true;
        c.resize(columns, rows);
        c.start();
        status.set(newKind == Kind.ATTACH
                ? "Attached to " + target.name() + " — Ctrl-C is sent to the container; detach with the button"
                : "Shell (sh) in " + target.name() + " — type exit or use Detach to end it");
        changed();
        update();
    }

    private void failed(ContainerInfo target, String verb, RuntimeException e) {
        connecting.set(false);
        String message = e instanceof EngineException ? e.getMessage() : "Unexpected failure: " + e;
        notices.show("Could not " + verb + " " + target.name() + ": " + message);
        boolean current = container != null && container.id().equals(target.id());
        if (current) {
            status.set("Not connected: " + message);
        }
        update();
        if (!current) {
            autoAttach();
        }
    }

    private void send(byte[] bytes) {
        if (connection != null) {
            connection.send(bytes);
        }
    }

    /** Forgets the session and closes it in the background (a close may wait on the runtime). */
    private void disconnect() {
        ConsoleConnection c;
        synchronized (this) {
            c = connection;
            connection = null;
        }
        kind = null;
        if (c != null) {
            tasks.submit(() -> {
                c.close();
                return null;
            }, ignored -> { }, ignored -> { });
        }
    }

    private void update() {
        boolean running = container != null && container.isRunning();
        boolean open = connection != null;
        boolean busy = connecting.get();
        // The terminal is shown before it counts as connected, so the view can focus it as the session opens.
        placeholder.set(open || hasOutput ? null : emptyState(busy));
        connected.set(open);
        canAttach.set(running && container.tty() && !open && !busy);
        canOpenShell.set(running && !open && !busy);
    }

    private String emptyState(boolean busy) {
        if (container == null) {
            return NO_SELECTION;
        }
        String name = container.name();
        if (!container.isRunning()) {
            return name + " is not running (" + stateText(container) + "): a console needs a running container."
                    + (container.tty() ? "" : "\nRun one with Terminal (-it) checked in the form, e.g. the command sh.");
        }
        if (busy) {
            return "Connecting to " + name + "…";
        }
        if (container.tty()) {
            return name + " runs on a terminal (-it). Attach to type into it.";
        }
        return name + " was not run with a terminal (-it): what it prints is under Logs.\n"
                + "Open a shell in it (docker exec -it " + name + " sh) to type commands.";
    }

    private static String stateText(ContainerInfo c) {
        if (c.state() == ContainerState.EXITED && c.exitCode() != null) {
            return "exited with code " + c.exitCode();
        }
        return c.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }

    /** Hears the current connection; a connection that is no longer current is ignored. UI thread. */
    private final class ConnectionListener implements ConsoleConnection.Listener {

        @Override
        public void output(ConsoleConnection from, byte[] bytes) {
            if (from == connection) {
                terminal.feed(bytes);
                changed();
            }
        }

        @Override
        public void ended(ConsoleConnection from, OptionalInt exitCode, IOException failure) {
            if (from != connection) {
                return;
            }
            String name = container.name();
            Kind was = kind;
            disconnect();
            autoAttachDone = true;
            String code = exitCode.isPresent() ? " (exit code " + exitCode.getAsInt() + ")" : "";
            if (failure != null) {
                status.set("The connection to " + name + " broke: " + failure.getMessage());
                notices.show("The console of " + name + " stopped: " + failure.getMessage());
            } else if (was == Kind.ATTACH) {
                status.set(name + "'s terminal closed" + code + ": the container's program ended");
            } else {
                status.set("The shell in " + name + " ended" + code);
            }
            update();
        }
    }
}
