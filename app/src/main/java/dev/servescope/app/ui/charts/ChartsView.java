package dev.servescope.app.ui.charts;

import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.report.ChartData.Metric;
import dev.servescope.app.report.ChartData;
import dev.servescope.app.report.Figures;
import java.io.File;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
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
    BarChart<String, Number> bars = bars();
    LineChart<Number, Number> sweep = sweep();
    BooleanBinding sweeping = javafx.beans.binding.Bindings.createBooleanBinding(
        () -> model.metricProperty().get() != null && model.metricProperty().get().lines(), model.metricProperty());
    XYChart<String, Number> stacked = stacked();
    BooleanBinding stacking = javafx.beans.binding.Bindings.createBooleanBinding(
        () -> model.metricProperty().get() != null && model.metricProperty().get().stacked(), model.metricProperty());
    sweep.visibleProperty().bind(sweeping);
    stacked.visibleProperty().bind(stacking);
    bars.visibleProperty().bind(sweeping.not().and(stacking.not()));
    StackPane charts = new StackPane(bars, sweep, stacked);

    Button reload = new Button("Reload");
    reload.setOnAction(e -> model.reload());
    Button png = new Button("Export PNG");
    png.setOnAction(e -> save(sweeping.get() ? sweep : stacking.get() ? stacked : bars, "chart.png", "PNG image",
        "*.png"));
    Button data = new Button("Export CSV / JSON");
    data.setOnAction(e -> save(bars, "servescope-run.csv", "CSV or JSON", "*.csv", "*.json"));
    Label message = new Label();
    message.setId("charts-message");
    message.textProperty().bind(model.messageProperty());
    HBox actions = new HBox(8, reload, png, data, message);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox root = new VBox(8, choices(), charts, actions);
    VBox.setVgrow(charts, Priority.ALWAYS);
    root.setPadding(new Insets(8));
    return root;
  }

  /** The run, the run to compare with, the metric, and the metric's own choice (a rung's layers, the study). */
  private Node choices() {
    StringConverter<RunReport> runNames = new StringConverter<>() {
      @Override
      public String toString(RunReport r) {
        return r == null ? "(none)" : ChartData.runName(r);
      }

      @Override
      public RunReport fromString(String s) {
        return null;
      }
    };
    ComboBox<RunReport> run = new ComboBox<>(model.runs());
    run.setId("run-choice");
    run.setPrefWidth(300);
    run.setConverter(runNames);
    run.valueProperty().bindBidirectional(model.runProperty());
    ComboBox<RunReport> compare = new ComboBox<>();
    compare.setId("compare-choice");
    compare.setPrefWidth(230);
    compare.setConverter(runNames);
    compare.setPromptText("compare with…");
    model.runs().addListener((ListChangeListener<RunReport>) c -> {
      compare.getItems().setAll(model.runs());
      compare.getItems().add(0, null);
    });
    compare.valueProperty().bindBidirectional(model.compareProperty());
    ComboBox<Metric> metric = new ComboBox<>();
    metric.setId("metric-choice");
    metric.setPrefWidth(260);
    metric.getItems().setAll(Metric.values());
    metric.valueProperty().bindBidirectional(model.metricProperty());
    ComboBox<String> layersOf = new ComboBox<>();
    layersOf.setId("layers-choice");
    layersOf.setItems(model.rungs());
    layersOf.valueProperty().bindBidirectional(model.layersOfProperty());
    layersOf.visibleProperty().bind(model.metricProperty().isEqualTo(Metric.LAYERS));
    CheckBox study = new CheckBox("original study (V1-V4)");
    study.setId("study-check");
    study.selectedProperty().bindBidirectional(model.showStudyProperty());
    study.visibleProperty().bind(model.metricProperty().isEqualTo(Metric.SIZES));
    FlowPane row = new FlowPane(8, 6, label("Run"), run, compare, label("Show"), metric, layersOf, study);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  /** The bars of every metric but the lines and the stacked ones, each carrying its value. */
  private BarChart<String, Number> bars() {
    return fill(new BarChart<>(new CategoryAxis(), new NumberAxis()), "chart", true);
  }

  /** A new replica's parts, stacked per rung. */
  private XYChart<String, Number> stacked() {
    // Parts too thin for a label say their value in a tooltip.
    return fill(new javafx.scene.chart.StackedBarChart<>(new CategoryAxis(), new NumberAxis()), "stacked-chart",
        false);
  }

  /**
   * Draws the model's series into {@code chart} whenever they change.
   *
   * @param labelled each bar carries its value above it; else in a tooltip
   */
  private <C extends XYChart<String, Number>> C fill(C chart, String id, boolean labelled) {
    chart.setId(id);
    chart.setAnimated(false);
    chart.titleProperty().bind(model.metricProperty().asString());
    model.series().addListener((ListChangeListener<ChartData.Series>) c -> {
      chart.getData().clear();
      for (ChartData.Series s : model.series()) {
        XYChart.Series<String, Number> fx = new XYChart.Series<>();
        fx.setName(s.name());
        for (ChartData.Point p : s.points()) {
          XYChart.Data<String, Number> bar = new XYChart.Data<>(p.category(), p.value());
          if (labelled) {
            bar.setNode(valued(p.value()));
          }
          fx.getData().add(bar);
        }
        chart.getData().add(fx);
        if (!labelled) {
          // The nodes exist once the series is in the chart.
          for (XYChart.Data<String, Number> bar : fx.getData()) {
            Tooltip.install(bar.getNode(), new Tooltip(bar.getXValue() + ", " + s.name() + ": "
                + Figures.barLabel(bar.getYValue().doubleValue()) + " " + model.metricProperty().get().unit()));
          }
        }
      }
    });
    return chart;
  }

  /**
   * Lines: p99 against throughput, a line per rung, each point's callers in its tooltip; or a rung's median latency
   * per second of its warm-up.
   */
  private LineChart<Number, Number> sweep() {
    NumberAxis x = axis("requests/s");
    NumberAxis y = axis("p99, ms");
    LineChart<Number, Number> sweep = new LineChart<>(x, y);
    sweep.setId("sweep-chart");
    // In the order of the callers, not of the throughput: past saturation a line turns back.
    sweep.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
    sweep.setAnimated(false);
    sweep.titleProperty().bind(model.metricProperty().asString());
    model.curves().addListener((ListChangeListener<ChartData.Curve>) c -> {
      boolean warmup = model.metricProperty().get() == Metric.WARMUP;
      x.setLabel(warmup ? "seconds after the first answer" : "requests/s");
      y.setLabel(warmup ? "p50, ms" : "p99, ms");
      sweep.getData().clear();
      for (ChartData.Curve curve : model.curves()) {
        XYChart.Series<Number, Number> fx = new XYChart.Series<>();
        fx.setName(curve.name());
        for (ChartData.XyPoint p : curve.points()) {
          fx.getData().add(new XYChart.Data<>(p.x(), p.y()));
        }
        sweep.getData().add(fx);
        // The nodes exist once the series is in the chart.
        for (int i = 0; i < fx.getData().size(); i++) {
          ChartData.XyPoint p = curve.points().get(i);
          Tooltip.install(fx.getData().get(i).getNode(), new Tooltip(curve.name() + ", " + p.label() + (warmup
              ? ": p50 " + Figures.barLabel(p.y()) + " ms"
              : ": " + Figures.barLabel(p.x()) + " requests/s, p99 " + Figures.barLabel(p.y()) + " ms")));
        }
      }
    });
    return sweep;
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.setMinWidth(Control.USE_PREF_SIZE);
    return l;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis();
    a.setLabel(label);
    a.setForceZeroInRange(true);
    return a;
  }

  /** A bar that carries its value just above its top. */
  private static StackPane valued(double value) {
    Label label = new Label(Figures.barLabel(value));
    label.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_SMALL);
    label.setMinSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
    label.setTranslateY(-18);
    StackPane bar = new StackPane(label);
    StackPane.setAlignment(label, Pos.TOP_CENTER);
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
