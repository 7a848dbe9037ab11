package io.isoscope.views.main;

import io.isoscope.views.console.ConsoleView;
import io.isoscope.views.containers.ContainersView;
import io.isoscope.views.details.DetailsView;
import io.isoscope.views.events.EventsView;
import io.isoscope.views.logs.LogsView;
import io.isoscope.views.processes.ProcessesView;
import io.isoscope.views.run.RunView;
import io.isoscope.views.stats.StatsView;
import io.isoscope.views.walkthrough.WalkthroughView;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Loads the window's FXML with a controller factory that builds every View around its ViewModel from the
 * {@link MainViewModel} tree, so Views get their dependencies through their constructors. FX thread only.
 */
public final class MainViewLoader {

    private final MainViewModel viewModel;

    /** A loader for the window over {@code viewModel}. */
    public MainViewLoader(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Loads the whole window (the included feature views too). FX thread only. */
    public Parent load() {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("MainView.fxml"));
        // Included FXML files inherit this factory, so one place decides how every View is made.
        loader.setControllerFactory(this::controllerFor);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the main window's FXML", e);
        }
    }

    private Object controllerFor(Class<?> type) {
        if (type == MainView.class) {
            return new MainView(viewModel);
        }
        if (type == RunView.class) {
            return new RunView(viewModel.run());
        }
        if (type == ContainersView.class) {
            return new ContainersView(viewModel.containers());
        }
        if (type == ProcessesView.class) {
            return new ProcessesView(viewModel.processes());
        }
        if (type == StatsView.class) {
            return new StatsView(viewModel.stats());
        }
        if (type == WalkthroughView.class) {
            return new WalkthroughView(viewModel.walkthrough());
        }
        if (type == ConsoleView.class) {
            return new ConsoleView(viewModel.console());
        }
        if (type == LogsView.class) {
            return new LogsView(viewModel.logs());
        }
        if (type == DetailsView.class) {
            return new DetailsView(viewModel.details());
        }
        if (type == EventsView.class) {
            return new EventsView(viewModel.events());
        }
        throw new IllegalArgumentException("no controller known for " + type.getName());
    }
}
