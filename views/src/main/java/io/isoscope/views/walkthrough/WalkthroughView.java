package io.isoscope.views.walkthrough;

import io.isoscope.views.common.Clipboards;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The walkthrough panel: the current step (title, the commands it stands for, what to notice, what it saw), the
 * progress, Run all's countdown, the step overview and the Back / Next / Run all / Cancel buttons, bound to a
 * {@link WalkthroughViewModel}. Shown only while the walkthrough is open. FX thread only.
 */
public final class WalkthroughView {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass COUNTING = PseudoClass.getPseudoClass("counting");
    private static final Map<StepStatus, PseudoClass> STATUS = new EnumMap<>(StepStatus.class);
    private static final Map<StepStatus, String> MARK = new EnumMap<>(Map.of(
            StepStatus.PENDING, "○", StepStatus.RUNNING, "◔", StepStatus.DONE, "✓",
            StepStatus.FAILED, "✗", StepStatus.UNAVAILABLE, "–"));
    private static final Map<StepStatus, String> ICON = new EnumMap<>(Map.of(
            StepStatus.PENDING, "i", StepStatus.RUNNING, "…", StepStatus.DONE, "✓",
            StepStatus.FAILED, "✗", StepStatus.UNAVAILABLE, "!"));

    static {
        for (StepStatus s : StepStatus.values()) {
            STATUS.put(s, PseudoClass.getPseudoClass(s.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private final WalkthroughViewModel viewModel;

    @FXML private VBox panel;
    @FXML private Button openScenario;
    @FXML private Label scenarioTitle;
    @FXML private Label loadError;
    @FXML private Label progressText;
    @FXML private ProgressBar progress;
    @FXML private Label stepTitle;
    @FXML private VBox commandsSection;
    @FXML private VBox commandsBox;
    @FXML private Label noticeHeading;
    @FXML private Label notice;
    @FXML private HBox outcomeBox;
    @FXML private Label outcomeIcon;
    @FXML private Label outcome;
    @FXML private ProgressIndicator working;
    @FXML private Label presenterStatus;
    @FXML private VBox stepList;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private Button runAllButton;
    @FXML private Button cancelButton;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public WalkthroughView(WalkthroughViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        panel.visibleProperty().bind(viewModel.openProperty());
        panel.managedProperty().bind(viewModel.openProperty());

        scenarioTitle.textProperty().bind(viewModel.scenarioTitleProperty());
        showWhenSet(loadError, viewModel.loadErrorProperty());
        progressText.textProperty().bind(viewModel.progressTextProperty());
        progress.progressProperty().bind(viewModel.progressProperty());
        stepTitle.textProperty().bind(viewModel.stepTitleProperty());
        noticeHeading.textProperty().bind(Bindings.when(viewModel.currentProperty().isEqualTo(-1))
                .then("ABOUT THIS WALKTHROUGH").otherwise("WHAT TO NOTICE"));
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        noticeHeading.visibleProperty().bind(notice.visibleProperty());
        noticeHeading.managedProperty().bind(notice.visibleProperty());
        bindCommands();
        bindOutcome();
        bindPresenter();
        bindSteps();
        bindButtons();
    }

    private void bindCommands() {
        viewModel.commands().addListener((ListChangeListener<String>) change -> showCommands());
        showCommands();
    }

    private void showCommands() {
        commandsBox.getChildren().setAll(viewModel.commands().stream().map(line -> {
            // A wrapping label, so a long docker line is read whole from the back of the room; copied by menu.
            Label command = new Label(line);
            command.setWrapText(true);
            command.setMinHeight(Region.USE_PREF_SIZE);
            command.setMaxWidth(Double.MAX_VALUE);
            command.getStyleClass().add("command");
            MenuItem copy = new MenuItem("Copy command");
            copy.setOnAction(e -> Clipboards.copy(line));
            command.setContextMenu(new ContextMenu(copy));
            command.setTooltip(new Tooltip("Right-click to copy"));
            return (Node) command;
        }).toList());
        boolean any = !viewModel.commands().isEmpty();
        commandsSection.setVisible(any);
        commandsSection.setManaged(any);
    }

    private void bindOutcome() {
        outcome.textProperty().bind(viewModel.outcomeProperty());
        showStatus(viewModel.outcomeStatusProperty().get());
        viewModel.outcomeStatusProperty().addListener((obs, was, now) -> showStatus(now));
        working.visibleProperty().bind(viewModel.outcomeStatusProperty().isEqualTo(StepStatus.RUNNING));
        working.managedProperty().bind(working.visibleProperty());
    }

    private void showStatus(StepStatus status) {
        STATUS.forEach((s, pc) -> outcomeBox.pseudoClassStateChanged(pc, s == status));
        outcomeIcon.setText(ICON.get(status));
    }

    private void bindPresenter() {
        showWhenSet(presenterStatus, viewModel.presenterStatusProperty());
        presenterStatus.pseudoClassStateChanged(COUNTING, viewModel.secondsLeftProperty().get() > 0);
        viewModel.secondsLeftProperty().addListener(
                (obs, was, now) -> presenterStatus.pseudoClassStateChanged(COUNTING, now.intValue() > 0));
    }

    private void bindSteps() {
        viewModel.steps().addListener((ListChangeListener<StepRow>) change -> showSteps());
        viewModel.currentProperty().addListener((obs, was, now) -> markCurrent());
        showSteps();
    }

    private void showSteps() {
        stepList.getChildren().setAll(viewModel.steps().stream().map(this::stepRow).toList());
        markCurrent();
    }

    private Node stepRow(StepRow step) {
        Label mark = new Label();
        mark.getStyleClass().add("step-mark");
        Label name = new Label(step.number() + ". " + step.title());
        name.getStyleClass().add("step-name");
        name.setWrapText(true);
        HBox row = new HBox(6, mark, name);
        HBox.setHgrow(name, Priority.ALWAYS);
        row.getStyleClass().add("step-row");
        row.setUserData(step);
        Runnable show = () -> {
            StepStatus status = step.statusProperty().get();
            mark.setText(MARK.get(status));
            STATUS.forEach((s, pc) -> row.pseudoClassStateChanged(pc, s == status));
        };
        // The listener lives as long as the row model; both go when the scenario is reset.
        step.statusProperty().addListener((obs, was, now) -> show.run());
        show.run();
        return row;
    }

    private void markCurrent() {
        int index = viewModel.currentProperty().get();
        for (int i = 0; i < stepList.getChildren().size(); i++) {
            stepList.getChildren().get(i).pseudoClassStateChanged(CURRENT, i == index);
        }
    }

    private void bindButtons() {
        backButton.disableProperty().bind(viewModel.canBackProperty().not());
        backButton.setOnAction(e -> viewModel.back());
        nextButton.textProperty().bind(viewModel.nextLabelProperty());
        nextButton.disableProperty().bind(viewModel.canNextProperty().not());
        nextButton.setOnAction(e -> viewModel.next());
        runAllButton.textProperty().bind(Bindings.when(viewModel.presentingProperty()).then("Pause").otherwise("Run all"));
        runAllButton.disableProperty().bind(viewModel.canRunAllProperty().not());
        runAllButton.setOnAction(e -> viewModel.toggleRunAll());
        cancelButton.disableProperty().bind(viewModel.cleaningProperty());
        cancelButton.setOnAction(e -> viewModel.cancel());
        openScenario.disableProperty().bind(viewModel.canLoadProperty().not());
        openScenario.setOnAction(e -> chooseScenario());
    }

    private void chooseScenario() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a walkthrough scenario");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Walkthrough scenarios (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        // Started from a checkout (./isoscope), the built-in scenarios sit here: a good place to start from.
        Path shipped = Path.of("resources", "walkthrough");
        if (Files.isDirectory(shipped)) {
            chooser.setInitialDirectory(shipped.toAbsolutePath().toFile());
        }
        File file = chooser.showOpenDialog(panel.getScene().getWindow());
        if (file != null) {
            viewModel.load(file.toPath());
        }
    }

    private static void showWhenSet(Label label, ReadOnlyStringProperty text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotNull().and(text.isNotEmpty()));
        label.managedProperty().bind(label.visibleProperty());
    }
}
