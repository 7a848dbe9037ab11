package io.isoscope.views.run;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** The Run form: binds the fields, the isolation toggle and the messages to a {@link RunViewModel}. FX thread only. */
public final class RunView {

    private final RunViewModel viewModel;
    private final ValidationSupport validation = new ValidationSupport();

    @FXML private ComboBox<String> image;
    @FXML private Label imageError;
    @FXML private TextField command;
    @FXML private Label commandError;
    @FXML private TextField name;
    @FXML private TextField memory;
    @FXML private TextField cpus;
    @FXML private TextField pidsLimit;
    @FXML private Label limitsError;
    @FXML private HBox isolationBox;
    @FXML private SegmentedButton isolation;
    @FXML private ToggleButton processIsolation;
    @FXML private ToggleButton hypervIsolation;
    @FXML private Label hypervReason;
    @FXML private CheckBox tty;
    @FXML private TextField dockerLine;
    @FXML private Button runButton;
    @FXML private ProgressIndicator busy;
    @FXML private Label status;
    @FXML private Label runError;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public RunView(RunViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        image.setItems(viewModel.images());
        // The value follows a pick from the list, the editor's text every keystroke (so the docker line does too);
        // both track the ViewModel, so neither wins over the other when the list is refreshed.
        image.valueProperty().bindBidirectional(viewModel.imageProperty());
        image.getEditor().textProperty().bindBidirectional(viewModel.imageProperty());
        command.textProperty().bindBidirectional(viewModel.commandProperty());
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        bindLimits();
        dockerLine.textProperty().bind(viewModel.dockerCommandLineProperty());
        tty.selectedProperty().bindBidirectional(viewModel.ttyProperty());

        bindIsolation();
        decorate(image, viewModel.imageErrorProperty());
        decorate(command, viewModel.commandErrorProperty());
        // The ViewModel decides when a field is wrong (not before the first Run); show its verdict at once rather
        // than waiting, as ValidationSupport would by default, for the user to type into a field first.
        validation.initInitialDecoration();
        showWhenSet(imageError, viewModel.imageErrorProperty());
        showWhenSet(commandError, viewModel.commandErrorProperty());
        showWhenSet(limitsError, viewModel.limitsErrorProperty());
        showWhenSet(runError, viewModel.errorProperty());
        // While a run is in progress the line beside the spinner says what it does (a VM takes seconds to boot).
        javafx.beans.binding.StringBinding statusText = Bindings.when(viewModel.busyProperty())
                .then(viewModel.progressProperty()).otherwise(viewModel.statusProperty());
        status.textProperty().bind(statusText);
        status.visibleProperty().bind(statusText.isNotNull());
        status.managedProperty().bind(status.visibleProperty());

        runButton.disableProperty().bind(viewModel.busyProperty());
        runButton.textProperty().bind(Bindings.when(viewModel.busyProperty()).then("Starting…").otherwise("Run"));
        busy.visibleProperty().bind(viewModel.busyProperty());
        busy.managedProperty().bind(viewModel.busyProperty());
        runButton.setOnAction(e -> viewModel.run());
        // Enter in any field runs, like submitting a form. Not the combo's onAction: it fires on every value change,
        // and with the drop-down open Enter picks an image rather than running.
        image.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !image.isShowing()) {
                viewModel.run();
            }
        });
        command.setOnAction(e -> viewModel.run());
        name.setOnAction(e -> viewModel.run());
        for (TextField limit : java.util.List.of(memory, cpus, pidsLimit)) {
            limit.setOnAction(e -> viewModel.run());
        }
    }

    private void bindLimits() {
        memory.textProperty().bindBidirectional(viewModel.memoryProperty());
        cpus.textProperty().bindBidirectional(viewModel.cpusProperty());
        pidsLimit.textProperty().bindBidirectional(viewModel.pidsLimitProperty());
        pidsLimit.disableProperty().bind(Bindings.not(viewModel.pidsLimitApplicableProperty()));
        // A disabled field shows no tooltip of its own; the text says why it is off instead.
        pidsLimit.promptTextProperty().bind(Bindings.when(viewModel.pidsLimitApplicableProperty())
                .then(RunViewModel.PIDS_PROMPT).otherwise(RunViewModel.PIDS_NOT_APPLICABLE_PROMPT));
        Tooltip pidsTip = new Tooltip();
        pidsTip.textProperty().bind(Bindings.when(viewModel.pidsLimitApplicableProperty())
                .then(RunViewModel.PIDS_HINT).otherwise(RunViewModel.PIDS_NOT_APPLICABLE_HINT));
        pidsLimit.setTooltip(pidsTip);
    }

    private void bindIsolation() {
        hypervIsolation.disableProperty().bind(viewModel.hypervAvailableProperty().not());
        showWhenSet(hypervReason, viewModel.hypervReasonProperty());
        // A disabled button shows no tooltip, so the box around it carries the reason.
        Tooltip why = new Tooltip();
        why.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.hypervReasonProperty().get() == null
                        ? "Hyper-V: a utility VM per container; the host sees only its worker process (vmwp)"
                        : viewModel.hypervReasonProperty().get(), viewModel.hypervReasonProperty()));
        Tooltip.install(isolationBox, why);

        hypervIsolation.setSelected(viewModel.hypervProperty().get());
        processIsolation.setSelected(!viewModel.hypervProperty().get());
        isolation.getToggleGroup().selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                // Clicking the chosen segment again would leave none chosen; isolation always has a value.
                was.setSelected(true);
                return;
            }
            viewModel.hypervProperty().set(now == hypervIsolation);
        });
        viewModel.hypervProperty().addListener((obs, was, now) -> {
            Toggle wanted = now ? hypervIsolation : processIsolation;
            if (!wanted.isSelected()) {
                wanted.setSelected(true);
            }
        });
    }

    private void decorate(Control field, ReadOnlyStringProperty error) {
        validation.registerValidator(field, false,
                (Control c, Object value) -> ValidationResult.fromErrorIf(c, error.get(), error.get() != null));
        error.addListener(obs -> validation.revalidate(field));
    }

    private static void showWhenSet(Label label, ReadOnlyStringProperty text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotNull());
        label.managedProperty().bind(text.isNotNull());
    }
}
