package dev.servescope.app.ui.predict;

import atlantafx.base.theme.Styles;
import dev.servescope.app.ui.widgets.Views;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.model.ModelVariant;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** Predict: text in, label out, with where the time went; benchmark and variant comparison. Binds to PredictModel. */
public final class PredictView {
  static final String OPEN_FOLDER = "Open model folder…";

  private final PredictModel model;
  private final PredictSession session;
  private final BenchmarkModel benchmark;
  private final VariantsModel variants;
  private final VBox probabilities = new VBox(6);

  public PredictView(PredictModel model, BenchmarkModel benchmark, VariantsModel variants) {
    this.model = model;
    this.session = model.session();
    this.benchmark = benchmark;
    this.variants = variants;
  }

  public Node build() {
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
    Node controls = controls();
    Label result = new Label();
    result.setId("prediction-label");
    result.getStyleClass().add(Styles.TITLE_3);
    Label details = new Label();
    details.setId("prediction-details");
    Label timings = new Label();
    timings.setId("prediction-timings");
    model.predictionProperty().addListener((o, a, p) -> show(p, result, details, timings));
    Label message = Views.message("predict-message");
    message.textProperty().bind(session.messageProperty());

    VBox centre = new VBox(10, controls, text, result, probabilities, details, timings, message,
        new BenchmarkPane(benchmark, session).build(), new VariantsPane(variants, session).build());
    centre.setPadding(new Insets(8));
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(centre);
    scroll.setFitToWidth(true);
    SplitPane split = new SplitPane(samples(), scroll);
    split.setDividerPositions(0.3);
    return split;
  }

  /** The sample sentences; picking one puts it in the text. */
  private Node samples() {
    ListView<String> samples = new ListView<>();
    samples.setId("samples");
    samples.getItems().setAll(session.samples());
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
    VBox left = new VBox(6, Views.header("Samples"), samples);
    VBox.setVgrow(samples, Priority.ALWAYS);
    left.setPadding(new Insets(8));
    return left;
  }

  /** The model (with where its accuracy was measured), a folder of your own, the threads, Predict. */
  private Node controls() {
    ComboBox<ModelVariant> models = new ComboBox<>(model.models());
    models.setId("model-choice");
    models.valueProperty().bindBidirectional(model.modelProperty());
    models.setConverter(new StringConverter<>() {
      @Override
      public String toString(ModelVariant v) {
        return model.describe(v);
      }

      @Override
      public ModelVariant fromString(String s) {
        return null;
      }
    });
    javafx.scene.control.Tooltip accuracy = new javafx.scene.control.Tooltip();
    accuracy.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> model.accuracyNote(model.modelProperty().get()), model.modelProperty()));
    models.setTooltip(accuracy);
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
    predict.getStyleClass().add(Styles.ACCENT);
    predict.setOnAction(e -> model.predict());
    predict.disableProperty().bind(session.busyProperty());
    HBox controls = new HBox(8, new Label("Model"), models, open, new Label("Threads"), threads, predict);
    controls.setAlignment(Pos.CENTER_LEFT);
    return controls;
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
      bar.getStyleClass().add(p.labels().get(i).equals("positive") ? Styles.SUCCESS : Styles.DANGER);
      Label name = new Label(String.format("%-9s %5.1f%%", p.labels().get(i), p.probabilities()[i] * 100));
      name.setMinWidth(120);
      probabilities.getChildren().add(new HBox(8, name, bar));
    }
    details.setText(p.tokens() + " tokens" + (p.truncated() ? " (truncated to the model's limit)" : "")
        + " · model " + p.model());
    timings.setText(String.format("tokenize %.2f ms · inference %.2f ms · head %.3f ms · total %.2f ms",
        p.timings().tokenizeMs(), p.timings().inferenceMs(), p.timings().headMs(), p.timings().totalMs()));
  }
}
