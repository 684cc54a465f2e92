package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.widgets.Views;
import dev.servescope.inference.bench.BenchReport;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The benchmark section of the Predict view: runs, progress, percentiles and a latency histogram. */
final class BenchmarkPane {
  private final BenchmarkModel model;
  private final PredictSession session;

  BenchmarkPane(BenchmarkModel model, PredictSession session) {
    this.model = model;
    this.session = session;
  }

  Node build() {
    Spinner<Integer> runs = new Spinner<>(10, 100_000, model.runsProperty().get(), 50);
    runs.setEditable(true);
    runs.setPrefWidth(110);
    runs.valueProperty().addListener((o, a, b) -> model.runsProperty().set(b));
    Button bench = new Button("Benchmark");
    bench.setId("benchmark-button");
    bench.setOnAction(e -> model.run());
    bench.disableProperty().bind(session.busyProperty());
    Button cancel = new Button("Cancel");
    cancel.setOnAction(e -> session.cancel());
    cancel.disableProperty().bind(session.busyProperty().not());
    ProgressBar progress = new ProgressBar(0);
    progress.setId("benchmark-progress");
    progress.setPrefWidth(220);
    progress.progressProperty().bind(session.progressProperty());
    Label stats = new Label();
    stats.setId("benchmark-stats");
    stats.textProperty().bind(Bindings.createStringBinding(() -> {
      BenchReport r = model.reportProperty().get();
      return r == null ? "" : String.format("p50 %.2f ms · p90 %.2f ms · p99 %.2f ms · bare session.run p50 %.2f ms"
          + " · %.0f predictions/s", r.total().p50(), r.total().p90(), r.total().p99(), r.bareRun().p50(),
          r.throughputPerSecond());
    }, model.reportProperty()));
    CategoryAxis x = new CategoryAxis();
    x.setLabel("end-to-end latency (ms)");
    NumberAxis y = new NumberAxis();
    y.setLabel("predictions");
    BarChart<String, Number> histogram = new BarChart<>(x, y);
    histogram.setId("latency-histogram");
    histogram.setLegendVisible(false);
    histogram.setAnimated(false);
    histogram.setPrefHeight(220);
    histogram.setBarGap(0);
    histogram.setCategoryGap(1);
    model.histogram().addListener((ListChangeListener<BenchReport.Bin>) c -> {
      XYChart.Series<String, Number> s = new XYChart.Series<>();
      for (BenchReport.Bin b : model.histogram()) {
        s.getData().add(new XYChart.Data<>(String.format("%.2f", b.fromMs()), b.count()));
      }
      histogram.getData().setAll(java.util.List.of(s));
    });
    HBox row = new HBox(8, Views.header("Benchmark"), new Label("runs"), runs, bench, cancel, progress);
    row.setAlignment(Pos.CENTER_LEFT);
    return new VBox(6, row, stats, histogram);
  }
}
