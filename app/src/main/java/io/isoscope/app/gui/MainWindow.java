package io.isoscope.app.gui;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.views.common.PeriodicRefresh;
import io.isoscope.views.common.ScheduledUiTimer;
import io.isoscope.views.main.MainViewLoader;
import io.isoscope.views.main.MainViewModel;
import io.isoscope.views.settings.Settings;
import io.isoscope.views.settings.SettingsStore;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GUI's composition root: builds the executors (a small daemon pool for engine calls, {@code Platform::runLater}
 * for the UI), the ViewModel tree and the Views over one engine, shows them on a stage, and refreshes at the
 * settings' interval (a second by default; the Logs tab every 300 ms). Closing it stops all of that but leaves the
 * engine (and its containers) to the caller. FX thread only.
 */
public final class MainWindow implements AutoCloseable {

    static final String TITLE = "Isoscope";
    /** How often a followed log is read: new lines show within about this long. */
    private static final Duration LOG_PERIOD = Duration.ofMillis(300);
    /** Wide enough for both process tables' columns side by side; clamped to the screen. */
    private static final double WIDTH = 1560;
    private static final double HEIGHT = 860;
    /** How long closing waits for the walkthrough's containers to go (a VM still booting finishes first). */
    private static final Duration WALKTHROUGH_CLEANUP = Duration.ofSeconds(20);

    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;
    private final MainViewModel viewModel;
    private PeriodicRefresh refresh;
    private final PeriodicRefresh logRefresh;

    private MainWindow(ContainerEngine engine, SettingsStore settings, Executor ui) {
        this.background = Executors.newFixedThreadPool(3, daemonThreads("isoscope-engine"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("isoscope-refresh"));
        this.viewModel = new MainViewModel(engine, background, ui, Clock.systemDefaultZone(),
                new ScheduledUiTimer(scheduler, ui), settings);
        this.refresh = new PeriodicRefresh(scheduler, refreshPeriod(viewModel.settings().currentProperty().get()),
                () -> ui.execute(viewModel::tick));
        this.logRefresh = new PeriodicRefresh(scheduler, LOG_PERIOD, () -> ui.execute(viewModel::pollLogs));
        // A new refresh interval applies at once: the old ticker stops, a new one starts.
        viewModel.settings().currentProperty().addListener((obs, was, now) -> {
            if (was.refreshSeconds() != now.refreshSeconds() && !scheduler.isShutdown()) {
                refresh.close();
                refresh = new PeriodicRefresh(scheduler, refreshPeriod(now), () -> ui.execute(viewModel::tick));
            }
        });
    }

    private static Duration refreshPeriod(Settings settings) {
        return Duration.ofMillis(Math.round(settings.refreshSeconds() * 1000));
    }

    /**
     * Composes the window over {@code engine}, shows it on {@code stage} and starts the live refresh; settings last
     * for this session only. FX thread.
     */
    public static MainWindow open(Stage stage, ContainerEngine engine) {
        return open(stage, engine, SettingsStore.inMemory());
    }

    /** As {@link #open(Stage, ContainerEngine)}, with the settings kept in {@code settings}. FX thread. */
    public static MainWindow open(Stage stage, ContainerEngine engine, SettingsStore settings) {
        return open(stage, engine, settings, Platform::runLater);
    }

    /**
     * As {@link #open(Stage, ContainerEngine, SettingsStore)}, with every state change and refresh tick handed to the
     * FX thread through {@code ui} (which must end in {@code Platform.runLater}): the FX benchmark times each task
     * there. FX thread.
     */
    public static MainWindow open(Stage stage, ContainerEngine engine, SettingsStore settings, Executor ui) {
        MainWindow window = new MainWindow(engine, settings, ui);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new MainViewLoader(window.viewModel).load(),
                Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(Math.min(1000, screen.getWidth()));
        stage.setMinHeight(Math.min(640, screen.getHeight()));
        stage.show();
        window.viewModel.start();
        return window;
    }

    /**
     * Stops the refresh, unsubscribes from the engine, removes the walkthrough's containers (waiting a bounded
     * time) and lets the engine threads end. Idempotent. FX thread.
     */
    @Override
    public void close() {
        refresh.close();
        logRefresh.close();
        scheduler.shutdownNow();
        viewModel.close();
        // The walkthrough's containers are being removed in the background; the engine must stay open until then.
        viewModel.walkthrough().awaitCleanUp(WALKTHROUGH_CLEANUP);
        // Let an engine call in flight (a stop with its grace period) finish; the threads are daemons anyway.
        background.shutdown();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
