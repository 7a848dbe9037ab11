package io.isoscope.views.stats;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * The Stats tab, bound to a {@link StatsViewModel}: the current CPU, memory and process numbers, and two charts of
 * the last minute whose series follow the ViewModel's points by appending and trimming (no animation, no rebuild
 * per sample). The time axes slide with the newest sample; they carry no tick labels, which would change every
 * second, only what they span. FX thread only.
 */
public final class StatsView {

    /** The time window the charts show, in seconds: the ViewModel keeps a minute of one-second samples. */
    private static final double WINDOW_SECONDS = StatsViewModel.WINDOW;

    private final StatsViewModel viewModel;
    private final XYChart.Series<Number, Number> cpuHost = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> cpuGuest = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> memoryHost = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> memoryGuest = new XYChart.Series<>();

    @FXML private Label statsPlaceholder;
    @FXML private VBox statsContent;
    @FXML private Label statsTitle;
    @FXML private Label statsCpu;
    @FXML private Label statsCpuCaption;
    @FXML private Label statsMemory;
    @FXML private ProgressBar statsMemoryBar;
    @FXML private Label statsMemoryCaption;
    @FXML private Label statsPids;
    @FXML private Label statsPidsCaption;
    @FXML private Label statsGuest;
    @FXML private Label statsSource;
    @FXML private LineChart<Number, Number> statsCpuChart;
    @FXML private NumberAxis statsCpuTime;
    @FXML private NumberAxis statsCpuAxis;
    @FXML private AreaChart<Number, Number> statsMemoryChart;
    @FXML private NumberAxis statsMemoryTime;

    /** A view of {@code viewModel}; FXMLLoader's controller factory calls this. */
    public StatsView(StatsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        statsPlaceholder.textProperty().bind(viewModel.placeholderProperty());
        statsPlaceholder.visibleProperty().bind(viewModel.showingProperty().not());
        statsContent.visibleProperty().bind(viewModel.showingProperty());
        statsTitle.textProperty().bind(viewModel.titleProperty());
        statsCpu.textProperty().bind(viewModel.cpuProperty());
        statsCpuCaption.textProperty().bind(viewModel.cpuCaptionProperty());
        statsMemory.textProperty().bind(viewModel.memoryProperty());
        statsMemoryCaption.textProperty().bind(viewModel.memoryCaptionProperty());
        statsMemoryBar.progressProperty().bind(viewModel.memoryFractionProperty());
        statsMemoryBar.visibleProperty().bind(viewModel.limitedProperty());
        statsMemoryBar.managedProperty().bind(statsMemoryBar.visibleProperty());
        statsPids.textProperty().bind(viewModel.pidsProperty());
        statsPidsCaption.textProperty().bind(viewModel.pidsCaptionProperty());
        statsGuest.textProperty().bind(viewModel.guestProperty());
        statsGuest.visibleProperty().bind(viewModel.vmProperty());
        statsGuest.managedProperty().bind(statsGuest.visibleProperty());
        statsSource.textProperty().bind(viewModel.sourceProperty());

        cpuHost.nameProperty().bind(viewModel.hostSeriesProperty());
        memoryHost.nameProperty().bind(viewModel.hostSeriesProperty());
        cpuGuest.setName("in the guest");
        memoryGuest.setName("in the guest");
        showSeries(viewModel.vmProperty().get());
        viewModel.vmProperty().addListener((obs, was, isVm) -> showSeries(isVm));
        follow(viewModel.points());
    }

    /** The guest's series only for a VM; the legend only when there are two series to tell apart. */
    private void showSeries(boolean isVm) {
        // Before the data: a chart decides whether to show a legend it creates when it gets the series.
        statsCpuChart.setLegendVisible(isVm);
        statsMemoryChart.setLegendVisible(isVm);
        statsCpuChart.setData(FXCollections.observableArrayList(isVm ? List.of(cpuHost, cpuGuest) : List.of(cpuHost)));
        statsMemoryChart.setData(FXCollections.observableArrayList(isVm ? List.of(memoryHost, memoryGuest)
                : List.of(memoryHost)));
    }

    /** Keeps the series in step with the points: new points appended, dropped ones trimmed from the front. */
    private void follow(ObservableList<StatsPoint> points) {
        points.addListener((ListChangeListener<StatsPoint>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    for (StatsPoint p : change.getAddedSubList()) {
                        append(cpuHost, p.seconds(), p.cpuPercent());
                        append(memoryHost, p.seconds(), p.memoryMiB());
                        append(cpuGuest, p.seconds(), p.guestCpuPercent());
                        append(memoryGuest, p.seconds(), p.guestMemoryMiB());
                    }
                }
            }
            double oldest = points.isEmpty() ? Double.POSITIVE_INFINITY : points.get(0).seconds();
            for (XYChart.Series<Number, Number> s : List.of(cpuHost, cpuGuest, memoryHost, memoryGuest)) {
                trim(s, oldest);
            }
            slide(points);
        });
    }

    private static void append(XYChart.Series<Number, Number> series, double x, Double y) {
        if (y != null) {
            series.getData().add(new XYChart.Data<>(x, y));
        }
    }

    private static void trim(XYChart.Series<Number, Number> series, double oldest) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        int drop = 0;
        while (drop < data.size() && data.get(drop).getXValue().doubleValue() < oldest) {
            drop++;
        }
        if (drop > 0) {
            data.remove(0, drop);
        }
    }

    /** Moves both time axes to end at the newest point, and fits the CPU axis to what it shows (at least 100 %). */
    private void slide(List<StatsPoint> points) {
        double newest = points.isEmpty() ? 0 : points.get(points.size() - 1).seconds();
        for (NumberAxis time : List.of(statsCpuTime, statsMemoryTime)) {
            time.setLowerBound(newest - WINDOW_SECONDS);
            time.setUpperBound(newest);
        }
        double highest = max(points, StatsPoint::cpuPercent);
        highest = Math.max(highest, max(points, p -> p.guestCpuPercent() == null ? 0 : p.guestCpuPercent()));
        // Steps of 100 % (one CPU): the axis changes only when a container starts using another CPU's worth.
        statsCpuAxis.setUpperBound(Math.max(100, Math.ceil(highest / 100) * 100));
        statsCpuAxis.setTickUnit(statsCpuAxis.getUpperBound() / 4);
    }

    private static double max(List<StatsPoint> points, Function<StatsPoint, Double> value) {
        return points.stream().mapToDouble(value::apply).max().orElse(0);
    }
}
