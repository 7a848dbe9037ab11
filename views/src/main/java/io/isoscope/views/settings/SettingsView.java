package io.isoscope.views.settings;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.SegmentedButton;

import java.io.File;
import java.nio.file.Path;

/** The Settings dialog: binds its form to a {@link SettingsViewModel}. FX thread only. */
public final class SettingsView {

    private final SettingsViewModel viewModel;

    @FXML private VBox settingsPanel;
    @FXML private ChoiceBox<String> defaultIsolation;
    @FXML private TextField vmMemory;
    @FXML private TextField vmCpus;
    @FXML private Label memoryError;
    @FXML private Label cpusError;
    @FXML private TextField refreshSeconds;
    @FXML private Label refreshError;
    @FXML private SegmentedButton themeChoice;
    @FXML private ToggleButton lightTheme;
    @FXML private ToggleButton darkTheme;
    @FXML private TextField runcPath;
    @FXML private TextField qemuPath;
    @FXML private TextField guestDir;
    @FXML private Button browseRunc;
    @FXML private Button browseQemu;
    @FXML private Button browseGuest;
    @FXML private Label pathsError;
    @FXML private Label pathsWarning;
    @FXML private Label restartNote;
    @FXML private Label saveError;
    @FXML private Label storedAt;
    @FXML private Button restoreDefaults;
    @FXML private Button cancelSettings;
    @FXML private Button saveSettings;

    /** A view of {@code viewModel}; the dialog's controller factory calls this. */
    public SettingsView(SettingsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        defaultIsolation.setItems(viewModel.isolations());
        defaultIsolation.valueProperty().bindBidirectional(viewModel.isolationProperty());
        vmMemory.textProperty().bindBidirectional(viewModel.memoryProperty());
        vmCpus.textProperty().bindBidirectional(viewModel.cpusProperty());
        refreshSeconds.textProperty().bindBidirectional(viewModel.refreshProperty());
        runcPath.textProperty().bindBidirectional(viewModel.runcPathProperty());
        qemuPath.textProperty().bindBidirectional(viewModel.qemuPathProperty());
        guestDir.textProperty().bindBidirectional(viewModel.guestDirProperty());
        showWhenSet(memoryError, viewModel.memoryErrorProperty());
        showWhenSet(cpusError, viewModel.cpusErrorProperty());
        showWhenSet(refreshError, viewModel.refreshErrorProperty());
        showWhenSet(pathsError, viewModel.pathsErrorProperty());
        showWhenSet(pathsWarning, viewModel.pathsWarningProperty());
        showWhenSet(restartNote, viewModel.restartNoteProperty());
        showWhenSet(saveError, viewModel.saveErrorProperty());
        storedAt.setText("Stored in " + viewModel.location());
        bindTheme();

        browseRunc.setOnAction(e -> chooseFile("Choose the runc binary", viewModel.runcPathProperty()));
        browseQemu.setOnAction(e -> chooseFile("Choose qemu-system-x86_64", viewModel.qemuPathProperty()));
        browseGuest.setOnAction(e -> chooseDirectory(viewModel.guestDirProperty()));
        saveSettings.disableProperty().bind(viewModel.validProperty().not());
        saveSettings.setOnAction(e -> {
            if (viewModel.save()) {
                window().hide();
            }
        });
        cancelSettings.setOnAction(e -> window().hide());
        restoreDefaults.setOnAction(e -> viewModel.restoreDefaults());
    }

    private void bindTheme() {
        darkTheme.setSelected(viewModel.darkDraftProperty().get());
        lightTheme.setSelected(!viewModel.darkDraftProperty().get());
        themeChoice.getToggleGroup().selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true); // a theme is always chosen
                return;
            }
            viewModel.darkDraftProperty().set(now == darkTheme);
        });
        viewModel.darkDraftProperty().addListener((obs, was, now) -> (now ? darkTheme : lightTheme).setSelected(true));
    }

    private void chooseFile(String title, StringProperty target) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        initialDirectory(target.get(), chooser::setInitialDirectory);
        File chosen = chooser.showOpenDialog(window());
        if (chosen != null) {
            target.set(chosen.getAbsolutePath());
        }
    }

    private void chooseDirectory(StringProperty target) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose the guest kernel directory");
        initialDirectory(target.get(), chooser::setInitialDirectory);
        File chosen = chooser.showDialog(window());
        if (chosen != null) {
            target.set(chosen.getAbsolutePath());
        }
    }

    private static void initialDirectory(String current, java.util.function.Consumer<File> set) {
        if (current == null || current.isBlank()) {
            return;
        }
        File f = Path.of(current.trim()).toFile();
        File dir = f.isDirectory() ? f : f.getParentFile();
        if (dir != null && dir.isDirectory()) {
            set.accept(dir);
        }
    }

    private Window window() {
        return settingsPanel.getScene().getWindow();
    }

    private static void showWhenSet(Label label, ReadOnlyStringProperty text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotNull());
        label.managedProperty().bind(text.isNotNull());
    }
}
