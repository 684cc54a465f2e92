package dev.servescope.app.ui;

import dev.servescope.inference.bench.BenchConfig;
import dev.servescope.inference.bench.BenchReport;
import dev.servescope.inference.bench.Benchmark;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.train.Evaluation;
import dev.servescope.inference.train.TsvDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Predict view's state and commands. Models load, predict and benchmark on the background executor; results come
 * back to the FX thread through the read-only properties. The open classifier is reused until the model or the
 * thread count changes, and closed exactly once.
 */
public final class PredictModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictModel.class);

  private final AppServices services;
  private final StringProperty text = new SimpleStringProperty("");
  private final ObjectProperty<ModelVariant> model = new SimpleObjectProperty<>();
  private final IntegerProperty threads = new SimpleIntegerProperty(
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  private final IntegerProperty benchmarkRuns = new SimpleIntegerProperty(200);
  private final ObservableList<ModelVariant> models = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyObjectWrapper<BenchReport> benchmark = new ReadOnlyObjectWrapper<>();
  private final ObservableList<BenchReport.Bin> histogram = FXCollections.observableArrayList();
  private final ObservableList<VariantRow> variants = FXCollections.observableArrayList();

  private Classifier open;
  private String openKey;
  private Task<?> running;
  /** Polled by the worker between predictions, so not a JavaFX property. */
  private volatile boolean cancelRequested;

  /**
   * One row of the variants comparison.
   *
   * @param id variant id
   * @param sizeMb ONNX file size
   * @param p50Ms end-to-end median latency
   * @param accuracy accuracy on the dev set (NaN when no data set was given)
   */
  public record VariantRow(String id, double sizeMb, double p50Ms, double accuracy) {}

  public PredictModel(AppServices services) {
    this.services = services;
    models.setAll(services.services().catalog().builtIns());
    model.set(services.services().catalog().require(ModelCatalog.DEFAULT_ID));
  }

  public StringProperty textProperty() {
    return text;
  }

  public ObjectProperty<ModelVariant> modelProperty() {
    return model;
  }

  public IntegerProperty threadsProperty() {
    return threads;
  }

  public IntegerProperty benchmarkRunsProperty() {
    return benchmarkRuns;
  }

  public ObservableList<ModelVariant> models() {
    return models;
  }

  public List<String> samples() {
    return services.samples();
  }

  public ReadOnlyObjectProperty<Prediction> predictionProperty() {
    return prediction.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<BenchReport> benchmarkProperty() {
    return benchmark.getReadOnlyProperty();
  }

  /** End-to-end latency histogram of the last benchmark. */
  public ObservableList<BenchReport.Bin> histogram() {
    return histogram;
  }

  public ObservableList<VariantRow> variants() {
    return variants;
  }

  /** Adds a user model folder to the list and selects it; a bad folder gives a message and changes nothing. */
  public void openFolder(Path dir) {
    try {
      ModelVariant v = services.services().catalog().fromDirectory(dir);
      models.removeIf(m -> m.id().equals(v.id()));
      models.add(v);
      model.set(v);
      message.set("opened " + dir);
    } catch (RuntimeException e) {
      message.set(e.getMessage());
    }
  }

  /** Classifies the current text. */
  public void predict() {
    String input = text.get();
    if (input == null || input.isBlank()) {
      message.set("Type or pick a sentence first: the text is empty.");
      return;
    }
    ModelVariant variant = model.get();
    int n = threads.get();
    submit(new Task<Predicted>() {
      @Override
      protected Predicted call() {
        Opened opened = classifier(variant, n);
        return new Predicted(opened.classifier().predict(input), opened.loadNanos());
      }
    }, r -> {
      prediction.set(r.prediction());
      List<String> notes = new ArrayList<>();
      if (r.prediction().truncated()) {
        notes.add("The text was cut to the model's limit of " + variant.maxTokens() + " tokens.");
      }
      if (r.loadNanos() > 0) {
        notes.add(String.format("Loaded %s in %.1f s: this first prediction includes its warm-up; the next ones show"
            + " its speed.", variant.id(), r.loadNanos() / 1e9));
      }
      message.set(String.join(" ", notes));
    });
  }

  /** A prediction, and how long loading the model took first (0 when it was already open). */
  private record Predicted(Prediction prediction, long loadNanos) {}

  /** The open classifier, and how long opening it took (0 when it was reused). */
  private record Opened(Classifier classifier, long loadNanos) {}

  /** Runs {@link #benchmarkRunsProperty()} predictions over the samples with a progress bar. */
  public void benchmark() {
    ModelVariant variant = model.get();
    int n = threads.get();
    int runs = Math.max(1, benchmarkRuns.get());
    List<String> inputs = text.get() == null || text.get().isBlank() ? services.samples() : List.of(text.get());
    cancelRequested = false;
    submit(new Task<BenchReport>() {
      @Override
      protected BenchReport call() {
        Classifier c = classifier(variant, n).classifier();
        return new Benchmark(c, inputs, n).run(new BenchConfig(Math.min(50, runs), runs, 1),
            (phase, done, total) -> updateProgress(done, total), () -> isCancelled() || cancelRequested);
      }
    }, r -> {
      histogram.setAll(r.totalHistogram());
      benchmark.set(r);
      message.set(String.format("%s: p50 %.2f ms, p99 %.2f ms, %.0f predictions/s", r.model(), r.total().p50(),
          r.total().p99(), r.throughputPerSecond()));
    });
  }

  /**
   * Measures every built-in variant: size on disk, p50 latency over the samples, and accuracy on SST-2 dev when the
   * data is found next to the project ({@code ../shared/data/sst2/dev.tsv}) or at {@code $SERVESCOPE_DEV_TSV}.
   */
  public void compareVariants() {
    int n = threads.get();
    List<ModelVariant> all = services.services().catalog().builtIns();
    Path dev = devSet();
    cancelRequested = false;
    submit(new Task<List<VariantRow>>() {
      @Override
      protected List<VariantRow> call() throws Exception {
        List<VariantRow> rows = new ArrayList<>();
        var data = dev == null ? null : TsvDataset.read(dev);
        for (int i = 0; i < all.size(); i++) {
          ModelVariant v = all.get(i);
          updateMessage("measuring " + v.id());
          try (Classifier c = Classifier.open(services.services().catalog(), v,
              ClassifierOptions.defaults().withThreads(n))) {
            BenchReport r = new Benchmark(c, services.samples(), n).run(new BenchConfig(20, 100, 1),
                (phase, d, t) -> { }, () -> isCancelled() || cancelRequested);
            double acc = data == null ? Double.NaN : Evaluation.evaluate(c, data).accuracy();
            rows.add(new VariantRow(v.id(), services.services().catalog().onnxBytes(v) / 1e6, r.total().p50(), acc));
          }
          updateProgress(i + 1, all.size());
        }
        return rows;
      }
    }, rows -> {
      variants.setAll(rows);
      message.set(dev == null ? "Accuracy needs SST-2 dev: set SERVESCOPE_DEV_TSV to its path." : "");
    });
  }

  private static Path devSet() {
    String env = System.getenv("SERVESCOPE_DEV_TSV");
    for (Path p : new Path[] {env == null ? null : Path.of(env), Path.of("../shared/data/sst2/dev.tsv"),
        Path.of("../../shared/data/sst2/dev.tsv")}) {
      if (p != null && Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** Stops a running benchmark or comparison. */
  public void cancel() {
    cancelRequested = true;
    if (running != null) {
      running.cancel();
    }
  }

  private synchronized Opened classifier(ModelVariant variant, int n) {
    String key = variant.id() + "@" + n;
    if (open != null && key.equals(openKey)) {
      return new Opened(open, 0);
    }
    if (open != null) {
      open.close();
      open = null;
    }
    long start = System.nanoTime();
    open = Classifier.open(services.services().catalog(), variant, ClassifierOptions.defaults().withThreads(n));
    openKey = key;
    long took = Math.max(1, System.nanoTime() - start);
    LOG.info("loaded {} with {} threads in {} ms", variant.id(), n, took / 1_000_000);
    return new Opened(open, took);
  }

  private <T> void submit(Task<T> task, java.util.function.Consumer<T> onSuccess) {
    if (busy.get()) {
      message.set("Still working on the last request.");
      return;
    }
    busy.set(true);
    running = task;
    progress.bind(task.progressProperty());
    task.setOnSucceeded(e -> {
      finish();
      onSuccess.accept(task.getValue());
    });
    task.setOnFailed(e -> {
      finish();
      Throwable t = task.getException();
      message.set(t instanceof java.util.concurrent.CancellationException ? "Cancelled."
          : t.getMessage() == null ? t.toString() : t.getMessage());
    });
    task.setOnCancelled(e -> {
      finish();
      message.set("Cancelled.");
    });
    message.set("Working...");
    services.background().execute(task);
  }

  private void finish() {
    progress.unbind();
    if (progress.get() < 0) {
      // A task that reported no progress leaves -1, which a progress bar shows as work still going on.
      progress.set(0);
    }
    busy.set(false);
    running = null;
  }

  /** Closes the open model on a worker, never on the FX thread. */
  @Override
  public void close() {
    Classifier c;
    synchronized (this) {
      c = open;
      open = null;
    }
    if (c != null) {
      if (Platform.isFxApplicationThread()) {
        services.background().execute(c::close);
      } else {
        c.close();
      }
    }
  }
}
