package dev.servescope.app.ui;

import dev.servescope.inference.bench.BenchReport;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.model.ModelVariant;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** Predict: text in, label out, with where the time went; benchmark and variant comparison. Binds to PredictModel. */
final class PredictView {
  static final String OPEN_FOLDER = "Open model folder…";

  private final PredictModel model;
  private final VBox probabilities = new VBox(6);

  PredictView(PredictModel model) {
    this.model = model;
  }

  Node build() {
    TextArea text = new TextArea();
    text.setId("predict-text");
    text.setPromptText("Type a sentence, or pick a sample on the left. Ctrl+Enter predicts.");
    text.setWrapText(true);
    text.setPrefRowCount(4);
    text.textProperty().bindBidirectional(model.textProperty());
    text.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
        model.predict();
        e.consume();
      }
    });

    ListView<String> samples = new ListView<>();
    samples.setId("samples");
    samples.getItems().setAll(model.samples());
    samples.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        setWrapText(true);
        setPrefWidth(0);
      }
    });
    samples.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
      if (s != null) {
        model.textProperty().set(s);
      }
    });
    VBox left = new VBox(6, header("Samples"), samples);
    VBox.setVgrow(samples, Priority.ALWAYS);
    left.setPadding(new Insets(8));

    ComboBox<ModelVariant> models = new ComboBox<>(model.models());
    models.setId("model-choice");
    models.valueProperty().bindBidirectional(model.modelProperty());
    models.setConverter(new StringConverter<>() {
      @Override
      public String toString(ModelVariant v) {
        return v == null ? "" : v.id() + "  (" + v.layers() + " layers, " + v.precision().label() + ")";
      }

      @Override
      public ModelVariant fromString(String s) {
        return null;
      }
    });
    Button open = new Button(OPEN_FOLDER);
    open.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Folder with model.onnx and tokenizer.json");
      File dir = chooser.showDialog(open.getScene().getWindow());
      if (dir != null) {
        model.openFolder(dir.toPath());
      }
    });
    Spinner<Integer> threads = new Spinner<>(1, 16, model.threadsProperty().get());
    threads.setId("threads");
    threads.setPrefWidth(80);
    threads.valueProperty().addListener((o, a, b) -> model.threadsProperty().set(b));
    Button predict = new Button("Predict");
    predict.setId("predict-button");
    predict.setDefaultButton(false);
    predict.getStyleClass().add("accent");
    predict.setOnAction(e -> model.predict());
    predict.disableProperty().bind(model.busyProperty());
    HBox controls = new HBox(8, new Label("Model"), models, open, new Label("Threads"), threads, predict);
    controls.setAlignment(Pos.CENTER_LEFT);

    Label result = new Label();
    result.setId("prediction-label");
    result.getStyleClass().add("title-3");
    Label details = new Label();
    details.setId("prediction-details");
    Label timings = new Label();
    timings.setId("prediction-timings");
    model.predictionProperty().addListener((o, a, p) -> show(p, result, details, timings));
    Label message = new Label();
    message.setId("predict-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.getStyleClass().add("text-muted");

    VBox centre = new VBox(10, controls, text, result, probabilities, details, timings, message, benchmarkPane(),
        comparisonPane());
    centre.setPadding(new Insets(8));
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(centre);
    scroll.setFitToWidth(true);
    SplitPane split = new SplitPane(left, scroll);
    split.setDividerPositions(0.3);
    return split;
  }

  private void show(Prediction p, Label result, Label details, Label timings) {
    probabilities.getChildren().clear();
    if (p == null) {
      return;
    }
    result.setText(p.label().toUpperCase(java.util.Locale.ROOT) + String.format("  %.1f%%", p.score() * 100));
    for (int i = 0; i < p.labels().size(); i++) {
      ProgressBar bar = new ProgressBar(p.probabilities()[i]);
      bar.setPrefWidth(320);
      bar.getStyleClass().add(p.labels().get(i).equals("positive") ? "success" : "danger");
      Label name = new Label(String.format("%-9s %5.1f%%", p.labels().get(i), p.probabilities()[i] * 100));
      name.setMinWidth(120);
      probabilities.getChildren().add(new HBox(8, name, bar));
    }
    details.setText(p.tokens() + " tokens" + (p.truncated() ? " (truncated to the model's limit)" : "")
        + " · model " + p.model());
    timings.setText(String.format("tokenize %.2f ms · inference %.2f ms · head %.3f ms · total %.2f ms",
        p.timings().tokenizeMs(), p.timings().inferenceMs(), p.timings().headMs(), p.timings().totalMs()));
  }

  private Node benchmarkPane() {
    Spinner<Integer> runs = new Spinner<>(10, 100_000, model.benchmarkRunsProperty().get(), 50);
    runs.setEditable(true);
    runs.setPrefWidth(110);
    runs.valueProperty().addListener((o, a, b) -> model.benchmarkRunsProperty().set(b));
    Button bench = new Button("Benchmark");
    bench.setId("benchmark-button");
    bench.setOnAction(e -> model.benchmark());
    bench.disableProperty().bind(model.busyProperty());
    Button cancel = new Button("Cancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.disableProperty().bind(model.busyProperty().not());
    ProgressBar progress = new ProgressBar(0);
    progress.setId("benchmark-progress");
    progress.setPrefWidth(220);
    progress.progressProperty().bind(model.progressProperty());
    Label stats = new Label();
    stats.setId("benchmark-stats");
    stats.textProperty().bind(Bindings.createStringBinding(() -> {
      BenchReport r = model.benchmarkProperty().get();
      return r == null ? "" : String.format("p50 %.2f ms · p90 %.2f ms · p99 %.2f ms · bare session.run p50 %.2f ms"
          + " · %.0f predictions/s", r.total().p50(), r.total().p90(), r.total().p99(), r.bareRun().p50(),
          r.throughputPerSecond());
    }, model.benchmarkProperty()));
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
    HBox row = new HBox(8, header("Benchmark"), new Label("runs"), runs, bench, cancel, progress);
    row.setAlignment(Pos.CENTER_LEFT);
    return new VBox(6, row, stats, histogram);
  }

  private Node comparisonPane() {
    Button compare = new Button("Compare variants");
    compare.setId("compare-button");
    compare.setOnAction(e -> model.compareVariants());
    compare.disableProperty().bind(model.busyProperty());
    TableView<PredictModel.VariantRow> table = new TableView<>(model.variants());
    table.setPrefHeight(150);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("variant", PredictModel.VariantRow::id));
    table.getColumns().add(column("size (MB)", r -> String.format("%.1f", r.sizeMb())));
    table.getColumns().add(column("p50 (ms)", r -> String.format("%.2f", r.p50Ms())));
    table.getColumns().add(column("SST-2 acc.", r -> Double.isNaN(r.accuracy()) ? "n/a"
        : String.format("%.3f", r.accuracy())));
    table.getColumns().get(0).setMinWidth(130);
    NumberAxis x = new NumberAxis();
    x.setLabel("p50 latency (ms)");
    NumberAxis y = new NumberAxis();
    y.setLabel("accuracy");
    y.setForceZeroInRange(false);
    ScatterChart<Number, Number> scatter = new ScatterChart<>(x, y);
    scatter.setAnimated(false);
    scatter.setPrefHeight(240);
    model.variants().addListener((ListChangeListener<PredictModel.VariantRow>) c -> {
      scatter.getData().clear();
      for (PredictModel.VariantRow r : model.variants()) {
        if (!Double.isNaN(r.accuracy())) {
          XYChart.Series<Number, Number> s = new XYChart.Series<>();
          s.setName(r.id());
          s.getData().add(new XYChart.Data<>(r.p50Ms(), r.accuracy()));
          scatter.getData().add(s);
        }
      }
    });
    GridPane grid = new GridPane();
    grid.setHgap(8);
    javafx.scene.layout.ColumnConstraints tableColumn = new javafx.scene.layout.ColumnConstraints();
    tableColumn.setPercentWidth(55);
    javafx.scene.layout.ColumnConstraints chartColumn = new javafx.scene.layout.ColumnConstraints();
    chartColumn.setPercentWidth(45);
    grid.getColumnConstraints().setAll(tableColumn, chartColumn);
    grid.add(table, 0, 0);
    grid.add(scatter, 1, 0);
    GridPane.setHgrow(table, Priority.ALWAYS);
    GridPane.setHgrow(scatter, Priority.ALWAYS);
    HBox row = new HBox(8, header("Variants"), compare);
    row.setAlignment(Pos.CENTER_LEFT);
    return new VBox(6, row, grid);
  }

  private static TableColumn<PredictModel.VariantRow, String> column(String title,
      java.util.function.Function<PredictModel.VariantRow, String> value) {
    TableColumn<PredictModel.VariantRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  static Label header(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("title-4");
    return l;
  }
}
