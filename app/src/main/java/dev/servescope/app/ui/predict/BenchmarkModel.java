package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.inference.bench.BenchConfig;
import dev.servescope.inference.bench.BenchReport;
import dev.servescope.inference.bench.Benchmark;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.model.ModelVariant;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The benchmark under the prediction: N predictions of the chosen model with a progress bar and a histogram. */
public final class BenchmarkModel {
  private final PredictSession session;
  private final PredictModel predict;
  private final IntegerProperty runs = new SimpleIntegerProperty(200);
  private final ReadOnlyObjectWrapper<BenchReport> report = new ReadOnlyObjectWrapper<>();
  private final ObservableList<BenchReport.Bin> histogram = FXCollections.observableArrayList();

  public BenchmarkModel(PredictModel predict) {
    this.session = predict.session();
    this.predict = predict;
  }

  public IntegerProperty runsProperty() {
    return runs;
  }

  public ReadOnlyObjectProperty<BenchReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** End-to-end latency histogram of the last benchmark. */
  public ObservableList<BenchReport.Bin> histogram() {
    return histogram;
  }

  /** Runs {@link #runsProperty()} predictions over the text (or the samples when it is empty). */
  public void run() {
    ModelVariant variant = predict.modelProperty().get();
    int n = predict.threadsProperty().get();
    int count = Math.max(1, runs.get());
    String text = predict.textProperty().get();
    List<String> inputs = text == null || text.isBlank() ? session.samples : List.of(text);
    session.run(BackgroundTask.<BenchReport>of(p -> {
      Classifier c = session.classifiers.get(variant, n).classifier();
      return new Benchmark(c, inputs, n).run(new BenchConfig(Math.min(50, count), count, 1),
          (phase, done, total) -> p.update(done, total), p::isCancelled);
    }).onSuccess(r -> {
      histogram.setAll(r.totalHistogram());
      report.set(r);
      session.say(String.format("%s: p50 %.2f ms, p99 %.2f ms, %.0f predictions/s", r.model(), r.total().p50(),
          r.total().p99(), r.throughputPerSecond()));
    }));
  }
}
