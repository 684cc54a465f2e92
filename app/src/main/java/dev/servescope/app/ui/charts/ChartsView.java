package dev.servescope.app.ui.charts;

import dev.servescope.app.ladder.result.RunReport;
import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Charts: sizes, cold start, latency, throughput and layers from the run history; PNG, CSV and JSON export. */
public final class ChartsView {
  private final ChartsModel model;

  public ChartsView(ChartsModel model) {
    this.model = model;
  }

  public Node build() {
    StringConverter<RunReport> runNames = new StringConverter<>() {
      @Override
      public String toString(RunReport r) {
        return r == null ? "(none)" : ChartsModel.runName(r);
      }

      @Override
      public RunReport fromString(String s) {
        return null;
      }
    };
    ComboBox<RunReport> run = new ComboBox<>(model.runs());
    run.setId("run-choice");
    run.setPrefWidth(360);
    run.setConverter(runNames);
    run.valueProperty().bindBidirectional(model.runProperty());
    ComboBox<RunReport> compare = new ComboBox<>();
    compare.setId("compare-choice");
    compare.setConverter(runNames);
    compare.setPromptText("compare with…");
    model.runs().addListener((ListChangeListener<RunReport>) c -> {
      compare.getItems().setAll(model.runs());
      compare.getItems().add(0, null);
    });
    compare.valueProperty().bindBidirectional(model.compareProperty());
    ComboBox<ChartsModel.Metric> metric = new ComboBox<>();
    metric.setId("metric-choice");
    metric.getItems().setAll(ChartsModel.Metric.values());
    metric.valueProperty().bindBidirectional(model.metricProperty());
    ComboBox<String> layersOf = new ComboBox<>();
    layersOf.setId("layers-choice");
    layersOf.setItems(model.rungs());
    layersOf.valueProperty().bindBidirectional(model.layersOfProperty());
    layersOf.visibleProperty().bind(model.metricProperty().isEqualTo(ChartsModel.Metric.LAYERS));
    CheckBox study = new CheckBox("original study (V1-V4)");
    study.setId("study-check");
    study.selectedProperty().bindBidirectional(model.showStudyProperty());
    study.visibleProperty().bind(model.metricProperty().isEqualTo(ChartsModel.Metric.SIZES));
    Button reload = new Button("Reload");
    reload.setOnAction(e -> model.reload());

    CategoryAxis x = new CategoryAxis();
    NumberAxis y = new NumberAxis();
    BarChart<String, Number> chart = new BarChart<>(x, y);
    chart.setId("chart");
    chart.setAnimated(false);
    chart.titleProperty().bind(model.metricProperty().asString());
    model.series().addListener((ListChangeListener<ChartsModel.Series>) c -> {
      chart.getData().clear();
      for (ChartsModel.Series s : model.series()) {
        XYChart.Series<String, Number> fx = new XYChart.Series<>();
        fx.setName(s.name());
        for (ChartsModel.Point p : s.points()) {
          XYChart.Data<String, Number> bar = new XYChart.Data<>(p.category(), p.value());
          bar.setNode(valued(p.value()));
          fx.getData().add(bar);
        }
        chart.getData().add(fx);
      }
    });

    javafx.scene.chart.LineChart<Number, Number> sweep = new javafx.scene.chart.LineChart<>(
        axis("requests/s"), axis("p99, ms"));
    sweep.setId("sweep-chart");
    // In the order of the callers, not of the throughput: past saturation a line turns back.
    sweep.setAxisSortingPolicy(javafx.scene.chart.LineChart.SortingPolicy.NONE);
    sweep.setAnimated(false);
    sweep.titleProperty().bind(model.metricProperty().asString());
    model.curves().addListener((ListChangeListener<ChartsModel.Curve>) c -> {
      sweep.getData().clear();
      for (ChartsModel.Curve curve : model.curves()) {
        XYChart.Series<Number, Number> fx = new XYChart.Series<>();
        fx.setName(curve.name());
        for (ChartsModel.XyPoint p : curve.points()) {
          XYChart.Data<Number, Number> point = new XYChart.Data<>(p.x(), p.y());
          fx.getData().add(point);
        }
        sweep.getData().add(fx);
        // Each point's callers, as a tooltip: the nodes exist once the series is in the chart.
        for (int i = 0; i < fx.getData().size(); i++) {
          ChartsModel.XyPoint p = curve.points().get(i);
          javafx.scene.control.Tooltip.install(fx.getData().get(i).getNode(), new javafx.scene.control.Tooltip(
              curve.name() + ", " + p.label() + ": " + ChartsModel.barLabel(p.x()) + " requests/s, p99 "
              + ChartsModel.barLabel(p.y()) + " ms"));
        }
      }
    });
    javafx.beans.binding.BooleanBinding sweeping = model.metricProperty().isEqualTo(ChartsModel.Metric.SWEEP);
    sweep.visibleProperty().bind(sweeping);
    chart.visibleProperty().bind(sweeping.not());
    javafx.scene.layout.StackPane charts = new javafx.scene.layout.StackPane(chart, sweep);

    Button png = new Button("Export PNG");
    png.setOnAction(e -> save(sweeping.get() ? sweep : chart, "chart.png", "PNG image", "*.png"));
    Button data = new Button("Export CSV / JSON");
    data.setOnAction(e -> save(chart, "servescope-run.csv", "CSV or JSON", "*.csv", "*.json"));
    Label message = new Label();
    message.setId("charts-message");
    message.textProperty().bind(model.messageProperty());

    run.setPrefWidth(300);
    compare.setPrefWidth(230);
    metric.setPrefWidth(260);
    Label runLabel = new Label("Run");
    Label showLabel = new Label("Show");
    runLabel.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
    showLabel.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
    javafx.scene.layout.FlowPane row1 = new javafx.scene.layout.FlowPane(8, 6, runLabel, run, compare, showLabel,
        metric, layersOf, study);
    row1.setAlignment(Pos.CENTER_LEFT);
    HBox row2 = new HBox(8, reload, png, data, message);
    row2.setAlignment(Pos.CENTER_LEFT);
    VBox root = new VBox(8, row1, charts, row2);
    VBox.setVgrow(charts, Priority.ALWAYS);
    root.setPadding(new Insets(8));
    return root;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis();
    a.setLabel(label);
    a.setForceZeroInRange(true);
    return a;
  }

  /** A bar that carries its value just above its top. */
  private static javafx.scene.layout.StackPane valued(double value) {
    Label label = new Label(ChartsModel.barLabel(value));
    label.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_SMALL);
    label.setMinSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
    label.setTranslateY(-18);
    javafx.scene.layout.StackPane bar = new javafx.scene.layout.StackPane(label);
    javafx.scene.layout.StackPane.setAlignment(label, Pos.TOP_CENTER);
    return bar;
  }

  private void save(javafx.scene.chart.XYChart<?, ?> chart, String name, String description, String... patterns) {
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName(name);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, patterns));
    File file = chooser.showSaveDialog(chart.getScene().getWindow());
    if (file == null) {
      return;
    }
    if (file.getName().endsWith(".png")) {
      model.exportImage(SwingFXUtils.fromFXImage(chart.snapshot(null, null), null), file.toPath());
    } else {
      model.exportData(file.toPath());
    }
  }
}
