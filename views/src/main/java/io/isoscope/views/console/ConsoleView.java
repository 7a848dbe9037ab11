package io.isoscope.views.console;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;

/**
 * The Console tab: the terminal of the selected container with Attach / Open a shell / Detach and a status line,
 * or an empty state saying why there is none. Binds to a {@link ConsoleViewModel}. FX thread only.
 */
public final class ConsoleView {

    private final ConsoleViewModel viewModel;

    @FXML private Label consoleStatus;
    @FXML private ProgressIndicator consoleConnecting;
    @FXML private Button attachButton;
    @FXML private Button shellButton;
    @FXML private Button detachButton;
    @FXML private TerminalCanvas terminal;
    @FXML private Label consoleEmpty;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public ConsoleView(ConsoleViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        terminal.setScreen(viewModel.screen());
        terminal.setOnInput(viewModel::type);
        terminal.setOnPaste(viewModel::paste);
        terminal.setOnResize(viewModel::resize);
        viewModel.revisionProperty().addListener(obs -> terminal.redraw());
        // Typing goes nowhere without a session; a dimmed screen says so.
        terminal.opacityProperty().bind(Bindings.when(viewModel.connectedProperty()).then(1.0).otherwise(0.7));
        viewModel.connectedProperty().addListener((obs, was, now) -> {
            if (now && terminal.getScene() != null && terminal.isVisible()) {
                terminal.requestFocus();
            }
        });

        consoleStatus.textProperty().bind(viewModel.statusProperty());
        consoleEmpty.textProperty().bind(viewModel.placeholderProperty());
        consoleEmpty.visibleProperty().bind(viewModel.placeholderProperty().isNotNull());
        // Hidden, not unmanaged: it keeps its size, so a session opens at the right one.
        terminal.visibleProperty().bind(viewModel.placeholderProperty().isNull());
        showWhen(consoleConnecting, viewModel.connectingProperty());

        showWhen(attachButton, viewModel.canAttachProperty());
        attachButton.setOnAction(e -> viewModel.attach());
        showWhen(shellButton, viewModel.canOpenShellProperty());
        shellButton.setOnAction(e -> viewModel.openShell());
        showWhen(detachButton, viewModel.connectedProperty());
        detachButton.setOnAction(e -> viewModel.detach());
    }

    private static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
